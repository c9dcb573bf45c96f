using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Tariff.Engine.Evaluation;
using Tariff.Engine.Usage;

namespace Tariff.Platform.Usage.ClickHouse;

/// <summary>
/// The ClickHouse usage store, for scale. Which events are new is decided where PostgreSQL decides it, in
/// <c>usage_event_keys</c>: a batch claims its keys in a PostgreSQL transaction, inserts the claimed events into
/// ClickHouse (one batched insert over HTTP), and only then commits the claim. So both stores report the very same
/// accepted and duplicate events. If the commit fails after the insert, the sender sends again, the keys are claimed
/// again and the rows are inserted a second time: identical rows under one sorting key, which the
/// <c>ReplacingMergeTree</c> folds when it merges and every query reads with <c>FINAL</c>, so that duplicates never
/// show in an aggregate, merged yet or not.
/// </summary>
public sealed class ClickHouseUsageStore(ClickHouseClient clickHouse, string database, NpgsqlDataSource postgres) : IUsageStore, IDisposable
{
    private const string ClaimKeys = """
        INSERT INTO usage_event_keys (tenant_id, source, event_id, received_at)
        SELECT @tenant, k.source, k.event_id, @received FROM unnest(@sources, @ids) AS k(source, event_id)
        ON CONFLICT DO NOTHING
        RETURNING source, event_id
        """;

    private readonly SemaphoreSlim schemaLock = new(1, 1);
    private bool schemaReady;

    private string Table => $"{database}.usage_events";

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

        await EnsureSchemaAsync(cancellationToken);
        await using var connection = await postgres.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var claimed = new HashSet<(string Source, string Id)>();
        await using (var claim = new NpgsqlCommand(ClaimKeys, connection, transaction))
        {
            claim.Parameters.AddWithValue("tenant", tenantId);
            claim.Parameters.AddWithValue("received", receivedAt);
            claim.Parameters.Add(new NpgsqlParameter("sources", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = events.Select(e => e.Event.Source ?? string.Empty).ToArray() });
            claim.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = events.Select(e => e.Event.Id).ToArray() });
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                claimed.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var fresh = new List<IncomingEvent>(claimed.Count);
        for (var i = 0; i < events.Count; i++)
        {
            if (claimed.Contains((events[i].Event.Source ?? string.Empty, events[i].Event.Id)))
            {
                statuses[i] = AppendStatus.Accepted;
                fresh.Add(events[i]);
            }
        }

        if (fresh.Count > 0)
        {
            await clickHouse.ExecuteAsync($"INSERT INTO {Table} FORMAT JSONEachRow", Rows(tenantId, fresh, receivedAt), cancellationToken);
        }

        // Only now is anything acknowledged; see the class comment for a failure between the insert and this commit.
        await transaction.CommitAsync(cancellationToken);
        return statuses;
    }

    public async Task<IReadOnlyList<UsageEvent>> ReadAsync(Guid tenantId, string consumer, UsagePeriod period,
        CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken);
        var query = $"""
            SELECT source, event_id, toUInt64(toUnixTimestamp(occurred_at)) * 1000 + occurred_ms AS at, consumer, product, route, path, method,
                status, toString(latency_ms) AS latency, toString(request_bytes) AS request, toString(response_bytes) AS response,
                measure_names, arrayMap(v -> toString(v), measure_values) AS measure_texts, dimension_names, dimension_values
            FROM {Table} FINAL
            WHERE {Filter(tenantId, new UsageSummaryQuery(period.Start, period.End, consumer))}
            ORDER BY occurred_at, occurred_ms, source, event_id
            FORMAT JSONEachRow
            """;
        return [.. (await clickHouse.QueryAsync(query, cancellationToken)).Select(row => new UsageEvent(
            row.GetProperty("event_id").GetString()!,
            DateTimeOffset.FromUnixTimeMilliseconds(Whole(row.GetProperty("at"))),
            row.GetProperty("consumer").GetString()!,
            row.GetProperty("source").GetString() is { Length: > 0 } source ? source : null,
            Text(row, "product"), Text(row, "route"), Text(row, "path"), Text(row, "method"),
            row.GetProperty("status").ValueKind == JsonValueKind.Null ? null : (int)Whole(row.GetProperty("status")),
            Decimal(row, "latency"), Decimal(row, "request"), Decimal(row, "response"),
            Pairs(row, "measure_names", "measure_texts", Exact),
            Pairs(row, "dimension_names", "dimension_values", text => text)))];
    }

    public async Task<IReadOnlyList<UsageSummaryRow>> SummarizeAsync(Guid tenantId, UsageSummaryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await EnsureSchemaAsync(cancellationToken);
        var group = query.GroupBy is { } name
            ? $"if(has(dimension_names, {ClickHouseClient.Text(name)}), dimension_values[indexOf(dimension_names, {ClickHouseClient.Text(name)})], NULL)"
            : "CAST(NULL AS Nullable(String))";
        var events = $"SELECT consumer, {group} AS grp, measure_names, measure_values FROM {Table} FINAL WHERE {Filter(tenantId, query)}";
        var summary = new UsageSummaryBuilder();
        foreach (var row in await clickHouse.QueryAsync($"SELECT consumer, grp, count() AS events FROM ({events}) GROUP BY consumer, grp FORMAT JSONEachRow", cancellationToken))
        {
            summary.Count(row.GetProperty("consumer").GetString()!, GroupOf(row), Whole(row.GetProperty("events")));
        }

        var sums = $"SELECT consumer, grp, name, toString(sum(value)) AS total FROM ({events}) ARRAY JOIN measure_names AS name, measure_values AS value GROUP BY consumer, grp, name FORMAT JSONEachRow";
        foreach (var row in await clickHouse.QueryAsync(sums, cancellationToken))
        {
            summary.Sum(row.GetProperty("consumer").GetString()!, GroupOf(row), row.GetProperty("name").GetString()!, Exact(row.GetProperty("total").GetString()!));
        }

        return summary.Rows();
    }

    public async Task<IReadOnlyList<UsageTimelinePoint>> TimelineAsync(Guid tenantId, UsageTimelineQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.EnsureValid();
        await EnsureSchemaAsync(cancellationToken);
        var step = $"intDiv(toInt64(toUnixTimestamp(occurred_at)) - {ClickHouseClient.Number(query.From.ToUnixTimeSeconds())}, {ClickHouseClient.Number((long)query.Step.TotalSeconds)})";
        var events = $"SELECT {step} AS step, measure_names, measure_values FROM {Table} FINAL WHERE {Filter(tenantId, new UsageSummaryQuery(query.From, query.To, query.Consumer))}";
        var timeline = new UsageTimelineBuilder(query);
        foreach (var row in await clickHouse.QueryAsync($"SELECT step, count() AS events FROM ({events}) GROUP BY step FORMAT JSONEachRow", cancellationToken))
        {
            timeline.Count(Whole(row.GetProperty("step")), Whole(row.GetProperty("events")));
        }

        var sums = $"SELECT step, name, toString(sum(value)) AS total FROM ({events}) ARRAY JOIN measure_names AS name, measure_values AS value GROUP BY step, name FORMAT JSONEachRow";
        foreach (var row in await clickHouse.QueryAsync(sums, cancellationToken))
        {
            timeline.Sum(Whole(row.GetProperty("step")), row.GetProperty("name").GetString()!, Exact(row.GetProperty("total").GetString()!));
        }

        return timeline.Points();
    }

    public async Task<IReadOnlyList<UsageIdentity>> IdentitiesAsync(Guid tenantId, UsagePeriod period, CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken);
        var instant = "toUInt64(toUnixTimestamp(occurred_at)) * 1000 + occurred_ms";
        var query = $"""
            SELECT consumer, count() AS events, min({instant}) AS first, max({instant}) AS last
            FROM {Table} FINAL WHERE {Filter(tenantId, new UsageSummaryQuery(period.Start, period.End))}
            GROUP BY consumer ORDER BY consumer FORMAT JSONEachRow
            """;
        return [.. (await clickHouse.QueryAsync(query, cancellationToken)).Select(row => new UsageIdentity(
            row.GetProperty("consumer").GetString()!, Whole(row.GetProperty("events")),
            DateTimeOffset.FromUnixTimeMilliseconds(Whole(row.GetProperty("first"))), DateTimeOffset.FromUnixTimeMilliseconds(Whole(row.GetProperty("last")))))];
    }

    public Task<long> ForgetKeysAsync(DateTimeOffset before, CancellationToken cancellationToken = default) =>
        UsageEventKeys.ForgetAsync(postgres, before, cancellationToken);

    public void Dispose() => schemaLock.Dispose();

    /// <summary>Creates the database and table when missing (safe to run from several instances).</summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken = default)
    {
        if (schemaReady)
        {
            return;
        }

        await schemaLock.WaitAsync(cancellationToken);
        try
        {
            if (!schemaReady)
            {
                await clickHouse.ExecuteAsync($"CREATE DATABASE IF NOT EXISTS {database}", cancellationToken: cancellationToken);
                await clickHouse.ExecuteAsync($"""
                    CREATE TABLE IF NOT EXISTS {Table} (
                        tenant_id UUID, source String, event_id String, occurred_at DateTime('UTC'), occurred_ms UInt16,
                        consumer String, product Nullable(String), route Nullable(String), path Nullable(String),
                        method Nullable(String), status Nullable(UInt16), latency_ms Nullable(Decimal(38, 12)),
                        request_bytes Nullable(Decimal(38, 12)), response_bytes Nullable(Decimal(38, 12)),
                        measure_names Array(String), measure_values Array(Decimal(38, 12)),
                        dimension_names Array(String), dimension_values Array(String),
                        received_at DateTime('UTC'), late UInt8
                    ) ENGINE = ReplacingMergeTree() PARTITION BY toYYYYMM(occurred_at)
                    ORDER BY (tenant_id, consumer, occurred_at, source, event_id)
                    """, cancellationToken: cancellationToken);
                schemaReady = true;
            }
        }
        finally
        {
            schemaLock.Release();
        }
    }

    // Whole seconds narrow the scan by the sorting key; milliseconds make the bounds exact.
    private static string Filter(Guid tenantId, UsageSummaryQuery query)
    {
        var (from, to) = (query.From.ToUnixTimeMilliseconds(), query.To.ToUnixTimeMilliseconds());
        var instant = "(toUInt64(toUnixTimestamp(occurred_at)) * 1000 + occurred_ms)";
        var filter = $"tenant_id = toUUID('{tenantId:D}') AND occurred_at >= toDateTime({ClickHouseClient.Number(Math.Max(0, from / 1000))}) "
            + $"AND occurred_at <= toDateTime({ClickHouseClient.Number(Math.Max(0, to / 1000))}) AND {instant} >= {ClickHouseClient.Number(from)} AND {instant} < {ClickHouseClient.Number(to)}";
        return query.Consumer is { } consumer ? $"{filter} AND consumer = {ClickHouseClient.Text(consumer)}" : filter;
    }

    // Decimal(38, 12) prints twelve decimals; trailing zeros are the column's, not the data's, so they go.
    private static decimal Exact(string text) =>
        decimal.Parse(text.Contains('.', StringComparison.Ordinal) ? text.TrimEnd('0').TrimEnd('.') : text, CultureInfo.InvariantCulture);

    private static string? Text(JsonElement row, string name) => row.GetProperty(name) is { ValueKind: JsonValueKind.String } text ? text.GetString() : null;

    private static decimal? Decimal(JsonElement row, string name) => Text(row, name) is { } text ? Exact(text) : null;

    private static Dictionary<string, T>? Pairs<T>(JsonElement row, string names, string values, Func<string, T> read)
    {
        var keys = row.GetProperty(names).EnumerateArray().Select(k => k.GetString()!).ToList();
        if (keys.Count == 0)
        {
            return null;
        }

        var texts = row.GetProperty(values).EnumerateArray().Select(v => v.GetString()!).ToList();
        return keys.Zip(texts).ToDictionary(pair => pair.First, pair => read(pair.Second), StringComparer.Ordinal);
    }

    private static string? GroupOf(JsonElement row) => row.GetProperty("grp") is { ValueKind: JsonValueKind.String } group ? group.GetString() : null;

    // ClickHouse quotes 64-bit integers in JSON by default; take either form.
    private static long Whole(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? long.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetInt64();

    // JSONEachRow: decimals as JSON numbers (ClickHouse reads their text exactly), instants as Unix seconds plus milliseconds.
    private static string Rows(Guid tenantId, List<IncomingEvent> events, DateTimeOffset receivedAt)
    {
        var buffer = new ArrayBufferWriter<byte>(events.Count * 512);
        using var json = new Utf8JsonWriter(buffer);
        foreach (var (usage, late) in events)
        {
            var milliseconds = usage.Timestamp.ToUnixTimeMilliseconds();
            json.Reset(buffer);
            json.WriteStartObject();
            json.WriteString("tenant_id", tenantId.ToString("D"));
            json.WriteString("source", usage.Source ?? string.Empty);
            json.WriteString("event_id", usage.Id);
            json.WriteNumber("occurred_at", Math.DivRem(milliseconds, 1000, out var rest));
            json.WriteNumber("occurred_ms", rest);
            json.WriteString("consumer", usage.Consumer);
            WriteText(json, "product", usage.Product);
            WriteText(json, "route", usage.Route);
            WriteText(json, "path", usage.Path);
            WriteText(json, "method", usage.Method);
            WriteNumber(json, "status", usage.Status);
            WriteNumber(json, "latency_ms", usage.LatencyMs);
            WriteNumber(json, "request_bytes", usage.RequestBytes);
            WriteNumber(json, "response_bytes", usage.ResponseBytes);
            WriteArray(json, "measure_names", usage.Measures?.Keys, (w, name) => w.WriteStringValue(name));
            WriteArray(json, "measure_values", usage.Measures?.Values, (w, value) => w.WriteNumberValue(value));
            WriteArray(json, "dimension_names", usage.Dimensions?.Keys, (w, name) => w.WriteStringValue(name));
            WriteArray(json, "dimension_values", usage.Dimensions?.Values, (w, value) => w.WriteStringValue(value));
            json.WriteNumber("received_at", receivedAt.ToUnixTimeSeconds());
            json.WriteNumber("late", late ? 1 : 0);
            json.WriteEndObject();
            json.Flush();
            buffer.Write("\n"u8);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteText(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, decimal? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteArray<T>(Utf8JsonWriter json, string name, IEnumerable<T>? values, Action<Utf8JsonWriter, T> write)
    {
        json.WriteStartArray(name);
        foreach (var value in values ?? [])
        {
            write(json, value);
        }

        json.WriteEndArray();
    }
}
