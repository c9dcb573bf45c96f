using Tariff.Engine.Evaluation;
using Tariff.Engine.Usage;
using Npgsql;
using Tariff.Platform.Database;
using NpgsqlTypes;

namespace Tariff.Platform.Usage;

/// <summary>
/// The PostgreSQL usage store. A batch is copied (binary COPY) into a temporary staging table; one statement then
/// claims each event's idempotency key (<c>ON CONFLICT DO NOTHING</c>) and stores the events whose key it claimed.
/// Two batches carrying the same event at once meet on the key's unique index: the second waits for the first to
/// commit and then finds the key taken, so an event is stored once however often, and however concurrently, it is
/// sent. Events go to monthly partitions, created as months first appear.
/// </summary>
public sealed class PostgresUsageStore(UsageDataSource usageDataSource, UsagePartitions partitions) : IUsageStore
{
    private readonly NpgsqlDataSource dataSource = usageDataSource.DataSource;

    // One staging table per database session, emptied at every commit. The store's connections keep their session
    // state when they return to the pool (UsageDataSource), so the table is created once per connection, not per batch.
    private const string CreateStaging = """
        CREATE TEMP TABLE IF NOT EXISTS usage_staging (
            ordinal integer NOT NULL, source text COLLATE "C" NOT NULL, event_id text COLLATE "C" NOT NULL,
            occurred_at timestamptz NOT NULL, consumer text COLLATE "C" NOT NULL, product text, route text, path text,
            method text, status integer, latency_ms numeric, request_bytes numeric, response_bytes numeric,
            measures jsonb, dimensions jsonb, late boolean NOT NULL
        ) ON COMMIT DELETE ROWS
        """;

    private const string SummaryWhere = """
        WHERE e.tenant_id = @tenant AND e.occurred_at >= @from AND e.occurred_at < @to
          AND (@consumer::text IS NULL OR e.consumer = @consumer)
        """;

    private const string CopyStaging = $"COPY usage_staging (ordinal, {UsageEventRows.Columns}, late) FROM STDIN (FORMAT BINARY)";

    // `claimed` is the staged events whose key `fresh` claimed: exactly the events stored, and the ordinals answered.
    private const string ClaimAndStore = """
        WITH fresh AS (
            INSERT INTO usage_event_keys (tenant_id, source, event_id, received_at)
            SELECT @tenant, source, event_id, @received FROM usage_staging
            ON CONFLICT DO NOTHING
            RETURNING source, event_id
        ), claimed AS (
            SELECT s.* FROM usage_staging s JOIN fresh f ON f.source = s.source AND f.event_id = s.event_id
        ), stored AS (
            INSERT INTO usage_events (tenant_id, source, event_id, occurred_at, consumer, product, route, path, method,
                status, latency_ms, request_bytes, response_bytes, measures, dimensions, received_at, late)
            SELECT @tenant, source, event_id, occurred_at, consumer, product, route, path, method,
                status, latency_ms, request_bytes, response_bytes, measures, dimensions, @received, late
            FROM claimed
        )
        SELECT ordinal FROM claimed
        """;

    public async Task<IReadOnlyList<AppendStatus>> AppendAsync(Guid tenantId, IReadOnlyList<IncomingEvent> events, DateTimeOffset receivedAt,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var statuses = new AppendStatus[events.Count];
        Array.Fill(statuses, AppendStatus.Duplicate);
        if (events.Count == 0)
        {
            return statuses;
        }

        await partitions.EnsureAsync(events.Select(e => e.Event.Timestamp), cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var create = new NpgsqlCommand(CreateStaging, connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await CopyAsync(connection, events, cancellationToken);
        await using (var claim = new NpgsqlCommand(ClaimAndStore, connection, transaction))
        {
            claim.Parameters.AddWithValue("tenant", tenantId);
            claim.Parameters.AddWithValue("received", receivedAt);
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                statuses[reader.GetInt32(0)] = AppendStatus.Accepted;
            }
        }

        // Only now is anything acknowledged: a failure before this line leaves nothing stored and reports nothing.
        await transaction.CommitAsync(cancellationToken);
        return statuses;
    }

    public async Task<IReadOnlyList<UsageEvent>> ReadAsync(Guid tenantId, string consumer, UsagePeriod period,
        CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT source, event_id, occurred_at, consumer, product, route, path, method, status, latency_ms, request_bytes,
                response_bytes, measures::text, dimensions::text
            FROM usage_events
            WHERE tenant_id = @tenant AND consumer = @consumer AND occurred_at >= @from AND occurred_at < @to
            ORDER BY occurred_at, source, event_id
            """);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("consumer", consumer);
        command.Parameters.AddWithValue("from", period.Start);
        command.Parameters.AddWithValue("to", period.End);
        return await command.ListAsync(static reader => new UsageEvent(
            reader.GetString(1),
            reader.GetFieldValue<DateTimeOffset>(2),
            reader.GetString(3),
            reader.GetString(0) is { Length: > 0 } source ? source : null,
            Text(reader, 4), Text(reader, 5), Text(reader, 6), Text(reader, 7),
            reader.IsDBNull(8) ? null : reader.GetInt32(8),
            Number(reader, 9), Number(reader, 10), Number(reader, 11),
            reader.IsDBNull(12) ? null : StoredJson.Measures(reader.GetString(12)),
            reader.IsDBNull(13) ? null : StoredJson.Dimensions(reader.GetString(13))), cancellationToken);
    }

    public async Task<IReadOnlyList<UsageSummaryRow>> SummarizeAsync(Guid tenantId, UsageSummaryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        const string Group = "CASE WHEN @group::text IS NULL THEN NULL ELSE e.dimensions ->> @group END";
        var summary = new UsageSummaryBuilder();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var counts = Command(connection, $"SELECT e.consumer, {Group}, count(*) FROM usage_events e {SummaryWhere} GROUP BY 1, 2", tenantId, query))
        await using (var reader = await counts.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                summary.Count(reader.GetString(0), Text(reader, 1), reader.GetInt64(2));
            }
        }

        var measureSums = $"SELECT e.consumer, {Group}, m.key, sum(m.value::numeric) FROM usage_events e CROSS JOIN LATERAL jsonb_each_text(e.measures) m {SummaryWhere} GROUP BY 1, 2, 3";
        await using (var sums = Command(connection, measureSums, tenantId, query))
        await using (var reader = await sums.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                summary.Sum(reader.GetString(0), Text(reader, 1), reader.GetString(2), reader.GetDecimal(3));
            }
        }

        return summary.Rows();
    }

    public async Task<IReadOnlyList<UsageTimelinePoint>> TimelineAsync(Guid tenantId, UsageTimelineQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.EnsureValid();
        const string Step = "floor(extract(epoch FROM e.occurred_at - @from) / @step)::bigint";
        var summary = new UsageSummaryQuery(query.From, query.To, query.Consumer);
        var timeline = new UsageTimelineBuilder(query);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var counts = Command(connection, $"SELECT {Step}, count(*) FROM usage_events e {SummaryWhere} GROUP BY 1", tenantId, summary))
        {
            counts.Parameters.AddWithValue("step", query.Step.TotalSeconds);
            await using var reader = await counts.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                timeline.Count(reader.GetInt64(0), reader.GetInt64(1));
            }
        }

        var measureSums = $"SELECT {Step}, m.key, sum(m.value::numeric) FROM usage_events e CROSS JOIN LATERAL jsonb_each_text(e.measures) m {SummaryWhere} GROUP BY 1, 2";
        await using (var sums = Command(connection, measureSums, tenantId, summary))
        {
            sums.Parameters.AddWithValue("step", query.Step.TotalSeconds);
            await using var reader = await sums.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                timeline.Sum(reader.GetInt64(0), reader.GetString(1), reader.GetDecimal(2));
            }
        }

        return timeline.Points();
    }

    public async Task<IReadOnlyList<UsageIdentity>> IdentitiesAsync(Guid tenantId, UsagePeriod period, CancellationToken cancellationToken = default) =>
        await dataSource.ListAsync("""
            SELECT consumer, count(*), min(occurred_at), max(occurred_at) FROM usage_events
            WHERE tenant_id = $1 AND occurred_at >= $2 AND occurred_at < $3
            GROUP BY consumer ORDER BY consumer
            """,
            reader => new UsageIdentity(reader.GetString(0), reader.GetInt64(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetFieldValue<DateTimeOffset>(3)),
            cancellationToken, tenantId, period.Start, period.End);

    public Task<long> ForgetKeysAsync(DateTimeOffset before, CancellationToken cancellationToken = default) =>
        UsageEventKeys.ForgetAsync(dataSource, before, cancellationToken);

    private static string? Text(NpgsqlDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    private static decimal? Number(NpgsqlDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetDecimal(column);

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, Guid tenantId, UsageSummaryQuery query)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("from", query.From);
        command.Parameters.AddWithValue("to", query.To);
        command.Parameters.Add(new NpgsqlParameter("consumer", NpgsqlDbType.Text) { Value = (object?)query.Consumer ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("group", NpgsqlDbType.Text) { Value = (object?)query.GroupBy ?? DBNull.Value });
        return command;
    }

    private static async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<IncomingEvent> events, CancellationToken cancellationToken)
    {
        await using var writer = await BinaryCopyWriter.BeginAsync(connection, CopyStaging, cancellationToken);
        for (var i = 0; i < events.Count; i++)
        {
            writer.StartRow(UsageEventRows.ColumnCount + 2);
            writer.Int4(i);
            UsageEventRows.Write(writer, events[i].Event);
            writer.Boolean(events[i].Late);
            await writer.FlushIfFullAsync(cancellationToken);
        }

        await writer.CompleteAsync(cancellationToken);
    }
}
