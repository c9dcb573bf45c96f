using System.Text.Json;
using Npgsql;
using Tariff.Platform.Database;

namespace Tariff.Platform.Alerts;

/// <summary>
/// Alerts and their outbox. Raising an alert and queueing its deliveries (every enabled webhook of the tenant, and the
/// consumer's email when SMTP is configured) is one transaction, and the alert's unique key makes it fire once.
/// </summary>
public sealed class AlertStore(NpgsqlDataSource dataSource, SmtpOptions smtp, TimeProvider clock)
{
    private const string Columns =
        "id, consumer_id, subscription_id, kind, subject, threshold, period_start, period_end, observed, limit_value, message, created_at, read_at";

    // $1 the tenant, $2 a consumer or null, $3 unread only.
    private const string Matching = "tenant_id = $1 AND ($2::uuid IS NULL OR consumer_id = $2) AND (NOT $3 OR read_at IS NULL)";

    /// <summary>Stores the alert unless it already fired; returns it when it is new, null otherwise.</summary>
    public Task<Alert?> RaiseAsync(Guid tenantId, AlertCandidate candidate, CancellationToken cancellationToken = default) =>
        dataSource.InTransactionAsync(transaction => RaiseAsync(transaction, tenantId, candidate, cancellationToken), cancellationToken);

    /// <summary>Stores the alert inside <paramref name="transaction"/>, with the change that raised it, unless it already fired.</summary>
    internal async Task<Alert?> RaiseAsync(NpgsqlTransaction transaction, Guid tenantId, AlertCandidate candidate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var now = clock.GetUtcNow();
        var connection = transaction.Connection!;
        var alert = new Alert(Guid.CreateVersion7(), candidate.ConsumerId, candidate.SubscriptionId, candidate.Kind, candidate.Subject, candidate.Threshold,
            candidate.PeriodStart, candidate.PeriodEnd, candidate.Observed, candidate.Limit, candidate.Message, now, null);
        await using (var insert = new NpgsqlCommand($"""
            INSERT INTO alerts (tenant_id, {Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, NULL)
            ON CONFLICT (tenant_id, consumer_id, kind, subject, threshold, period_start) DO NOTHING
            """, connection, transaction))
        {
            foreach (var value in new object?[] { tenantId, alert.Id, alert.ConsumerId, alert.SubscriptionId, alert.Kind, alert.Subject, alert.Threshold,
                alert.PeriodStart, alert.PeriodEnd, alert.Observed, alert.Limit, alert.Message, alert.CreatedAt })
            {
                insert.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
            }

            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return null;
            }
        }

        var payload = JsonSerializer.Serialize(new { type = $"alert.{alert.Kind}", tenantId, alert }, JsonSerializerOptions.Web);
        await using (var outbox = new NpgsqlCommand("""
            INSERT INTO alert_deliveries (id, tenant_id, alert_id, channel, endpoint_id, recipient, payload, status, next_attempt_at, created_at)
            SELECT gen_random_uuid(), $1, $2, 'webhook', w.id, NULL, $3, 'pending', $4, $4 FROM webhook_endpoints w WHERE w.tenant_id = $1 AND w.enabled
            UNION ALL
            SELECT gen_random_uuid(), $1, $2, 'email', NULL, c.email, $3, 'pending', $4, $4 FROM consumers c
            WHERE $5 AND c.tenant_id = $1 AND c.id = $6 AND coalesce(c.email, '') <> ''
            """, connection, transaction))
        {
            foreach (var value in new object[] { tenantId, alert.Id, payload, now, smtp.Configured, alert.ConsumerId })
            {
                outbox.Parameters.Add(new NpgsqlParameter { Value = value });
            }

            await outbox.ExecuteNonQueryAsync(cancellationToken);
        }

        return alert;
    }

    /// <summary>The tenant's alerts, newest first, optionally of one consumer and only the unread ones.</summary>
    public Task<IReadOnlyList<Alert>> ListAsync(Guid tenantId, Guid? consumerId, bool unreadOnly, int limit, CancellationToken cancellationToken = default) =>
        PageAsync(tenantId, consumerId, unreadOnly, 0, Math.Clamp(limit, 1, 1000), cancellationToken);

    /// <summary>How many alerts <see cref="PageAsync"/> pages through.</summary>
    public Task<int> CountAsync(Guid tenantId, Guid? consumerId, bool unreadOnly, CancellationToken cancellationToken = default) =>
        dataSource.CountAsync($"SELECT count(*) FROM alerts WHERE {Matching}", cancellationToken, tenantId, (object?)consumerId ?? DBNull.Value, unreadOnly);

    /// <summary><paramref name="limit"/> of the tenant's alerts from <paramref name="offset"/>, newest first, sorted and cut by the database.</summary>
    public async Task<IReadOnlyList<Alert>> PageAsync(Guid tenantId, Guid? consumerId, bool unreadOnly, int offset, int limit,
        CancellationToken cancellationToken = default) =>
        await dataSource.ListAsync($"SELECT {Columns} FROM alerts WHERE {Matching} ORDER BY created_at DESC, id DESC OFFSET $4 LIMIT $5", Read, cancellationToken,
            tenantId, (object?)consumerId ?? DBNull.Value, unreadOnly, Math.Max(0, offset), Math.Max(1, limit));

    /// <summary>Marks the alert read (or unread again); null when the tenant (and consumer, when given) has no such alert.</summary>
    public async Task<Alert?> MarkAsync(Guid tenantId, Guid alertId, bool read, Guid? consumerId = null, CancellationToken cancellationToken = default) =>
        (await dataSource.ListAsync($"""
            UPDATE alerts SET read_at = CASE WHEN $3 THEN coalesce(read_at, $4) END
            WHERE tenant_id = $1 AND id = $2 AND ($5::uuid IS NULL OR consumer_id = $5) RETURNING {Columns}
            """, Read, cancellationToken, tenantId, alertId, read, clock.GetUtcNow(), (object?)consumerId ?? DBNull.Value)).SingleOrDefault();

    /// <summary>The deliveries of one alert: where, status, attempts and the last error.</summary>
    public Task<List<AlertDelivery>> DeliveriesAsync(Guid tenantId, Guid alertId, CancellationToken cancellationToken = default) =>
        dataSource.ListAsync("""
            SELECT id, channel, endpoint_id, recipient, status, attempts, next_attempt_at, last_error, delivered_at FROM alert_deliveries
            WHERE tenant_id = $1 AND alert_id = $2 ORDER BY created_at, id
            """, reader => new AlertDelivery(reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetGuid(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4), reader.GetInt32(5), reader.GetFieldValue<DateTimeOffset>(6),
                reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8)),
            cancellationToken, tenantId, alertId);

    private static Alert Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0), reader.GetGuid(1), reader.IsDBNull(2) ? null : reader.GetGuid(2), reader.GetString(3), reader.GetString(4),
        reader.GetDecimal(5), reader.GetFieldValue<DateTimeOffset>(6), reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
        reader.GetDecimal(8), reader.IsDBNull(9) ? null : reader.GetDecimal(9), reader.GetString(10), reader.GetFieldValue<DateTimeOffset>(11),
        reader.IsDBNull(12) ? null : reader.GetFieldValue<DateTimeOffset>(12));
}
