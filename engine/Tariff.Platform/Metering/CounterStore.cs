using Npgsql;
using NpgsqlTypes;
using Tariff.Platform.Database;

namespace Tariff.Platform.Metering;

/// <summary>The <c>usage_counters</c> table: merged batch by batch, replaced when recomputed, read per subscription and period.</summary>
public sealed class CounterStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private const string Upsert = """
        INSERT INTO usage_counters AS c (tenant_id, subscription_id, period_start, period_end, meter, group_key, raw, merge, computed_at)
        SELECT $1, s, ps, pe, m, g, r, merge, $9
        FROM unnest($2::uuid[], $3::timestamptz[], $4::timestamptz[], $5::text[], $6::text[], $7::numeric[], $8::text[]) AS u(s, ps, pe, m, g, r, merge)
        ORDER BY s, ps, m, g
        ON CONFLICT (tenant_id, subscription_id, period_start, meter, group_key) DO UPDATE SET
            raw = CASE c.merge
                      WHEN 'add' THEN c.raw + EXCLUDED.raw
                      WHEN 'max' THEN GREATEST(c.raw, EXCLUDED.raw)
                      WHEN 'min' THEN LEAST(c.raw, EXCLUDED.raw)
                      ELSE EXCLUDED.raw END,
            computed_at = GREATEST(c.computed_at, EXCLUDED.computed_at)
        """;

    /// <summary>Merges each row into its counter (rows must not repeat a key). Rows are written in key order so that concurrent batches cannot deadlock.</summary>
    public async Task MergeAsync(Guid tenantId, IReadOnlyList<CounterRow> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        await dataSource.ExecuteAsync(Upsert, cancellationToken,
            tenantId,
            rows.Select(r => r.SubscriptionId).ToArray(),
            rows.Select(r => r.PeriodStart).ToArray(),
            rows.Select(r => r.PeriodEnd).ToArray(),
            rows.Select(r => r.Meter).ToArray(),
            rows.Select(r => r.GroupKey).ToArray(),
            rows.Select(r => r.Raw).ToArray(),
            rows.Select(r => r.Merge).ToArray(),
            clock.GetUtcNow());
    }

    /// <summary>
    /// Replaces the counters of <paramref name="meters"/> for one subscription and period with a recomputation that
    /// read the store from <paramref name="computedAt"/>, unless a later recomputation already wrote them.
    /// </summary>
    public async Task ReplaceAsync(Guid tenantId, Guid subscriptionId, DateTimeOffset periodStart, IReadOnlyList<string> meters,
        IReadOnlyList<CounterRow> rows, DateTimeOffset computedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(rows);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var delete = new NpgsqlCommand(
            "DELETE FROM usage_counters WHERE tenant_id = $1 AND subscription_id = $2 AND period_start = $3 AND meter = ANY($4) AND computed_at <= $5",
            connection, transaction))
        {
            delete.Parameters.Add(new NpgsqlParameter { Value = tenantId });
            delete.Parameters.Add(new NpgsqlParameter { Value = subscriptionId });
            delete.Parameters.Add(new NpgsqlParameter { Value = periodStart });
            delete.Parameters.Add(new NpgsqlParameter { Value = meters.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            delete.Parameters.Add(new NpgsqlParameter { Value = computedAt });
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var insert = new NpgsqlCommand("""
            INSERT INTO usage_counters (tenant_id, subscription_id, period_start, period_end, meter, group_key, raw, merge, computed_at)
            SELECT $1, $2, $3, $4, m, g, r, merge, $9 FROM unnest($5::text[], $6::text[], $7::numeric[], $8::text[]) AS u(m, g, r, merge)
            ON CONFLICT (tenant_id, subscription_id, period_start, meter, group_key) DO NOTHING
            """, connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = tenantId });
            insert.Parameters.Add(new NpgsqlParameter { Value = subscriptionId });
            insert.Parameters.Add(new NpgsqlParameter { Value = periodStart });
            insert.Parameters.Add(new NpgsqlParameter { Value = rows.Count > 0 ? rows[0].PeriodEnd : periodStart });
            insert.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Meter).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.GroupKey).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Raw).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Merge).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = computedAt });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The counters of one subscription and period (of one meter when <paramref name="meter"/> is given).</summary>
    public Task<List<CounterRow>> ReadAsync(Guid tenantId, Guid subscriptionId, DateTimeOffset periodStart, string? meter = null,
        CancellationToken cancellationToken = default) =>
        dataSource.ListAsync("""
            SELECT subscription_id, period_start, period_end, meter, group_key, raw, merge FROM usage_counters
            WHERE tenant_id = $1 AND subscription_id = $2 AND period_start = $3 AND ($4 = '' OR meter = $4)
            ORDER BY meter, group_key
            """,
            reader => new CounterRow(reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<DateTimeOffset>(2),
                reader.GetString(3), reader.GetString(4), reader.GetDecimal(5), reader.GetString(6)),
            cancellationToken, tenantId, subscriptionId, periodStart, meter ?? string.Empty);
}
