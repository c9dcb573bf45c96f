using Npgsql;
using Tariff.Platform.Database;

namespace Tariff.Platform.Ingest;

/// <summary>
/// Counts each ingest request's outcomes per tenant and minute in PostgreSQL, whichever store holds the events, so
/// that the dashboard can show ingest health: events per minute, refused, late.
/// </summary>
public sealed class IngestStatistics(NpgsqlDataSource dataSource)
{
    /// <summary>Adds one request's report to its minute.</summary>
    public async Task RecordAsync(Guid tenantId, IngestReport report, DateTimeOffset receivedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var minute = new DateTimeOffset(receivedAt.UtcTicks - (receivedAt.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
        var late = report.Events.LongCount(e => e.Late);
        await dataSource.ExecuteAsync("""
            INSERT INTO ingest_minutes AS m (tenant_id, minute, accepted, duplicates, rejected, late) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (tenant_id, minute) DO UPDATE SET accepted = m.accepted + excluded.accepted, duplicates = m.duplicates + excluded.duplicates,
                rejected = m.rejected + excluded.rejected, late = m.late + excluded.late
            """, cancellationToken, tenantId, minute, (long)report.Accepted, (long)report.Duplicates, (long)report.Rejected, late);
    }

    /// <summary>The tenant's minutes in [from, to) that saw any request, oldest first.</summary>
    public async Task<IReadOnlyList<IngestMinute>> MinutesAsync(Guid tenantId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        await dataSource.ListAsync(
            "SELECT minute, accepted, duplicates, rejected, late FROM ingest_minutes WHERE tenant_id = $1 AND minute >= $2 AND minute < $3 ORDER BY minute",
            reader => new IngestMinute(reader.GetFieldValue<DateTimeOffset>(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4)),
            cancellationToken, tenantId, from, to);
}
