using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tariff.Engine.Usage;
using Tariff.Platform.Alerts;
using Tariff.Platform.Metering;
using Tariff.Platform.Usage;
using Tariff.Platform.Wallets;

namespace Tariff.Platform.Ingest;

/// <summary>
/// Checks decoded events, refuses the bad ones, and stores the rest in one atomic append: an event reported as
/// accepted is committed, one reported as duplicate changed nothing, and a refusal names its field. Accepted events
/// are then counted by the real-time counters.
/// </summary>
public sealed partial class IngestService(
    IUsageStore store, IOptions<IngestOptions> options, MeteringCatalog catalog, CounterLocks locks, UsageCounters counters, UsageAlerts alerts,
    WalletMonitor wallets, IngestStatistics statistics, TimeProvider clock, ILogger<IngestService> logger)
{
    public async Task<IngestReport> IngestAsync(Guid tenantId, IReadOnlyList<DecodedEvent> decoded, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decoded);
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var outcomes = new EventOutcome[decoded.Count];
        var incoming = new List<IncomingEvent>(decoded.Count);
        var positions = new List<int>(decoded.Count);
        var firstOfKey = new Dictionary<(string Source, string Id), int>();
        // Counting needs the tenant's subscriptions, and the late flag its finalized periods.
        var metering = await catalog.GetAsync(tenantId, cancellationToken: cancellationToken);
        for (var i = 0; i < decoded.Count; i++)
        {
            var item = decoded[i];
            if (item.Event is not { } usage)
            {
                outcomes[i] = new EventOutcome(i, item.Id, EventOutcome.Rejected, Error: item.Error);
                continue;
            }

            var late = usage.Timestamp < now - settings.DeduplicationWindow || metering.InFinalizedPeriod(usage.Consumer, usage.Timestamp);
            if (EventValidator.Check(usage, i, now, settings) is { } error)
            {
                outcomes[i] = new EventOutcome(i, usage.Id, EventOutcome.Rejected, Error: error);
            }
            else if (!firstOfKey.TryAdd((usage.Source ?? string.Empty, usage.Id), i))
            {
                // The same event twice in one request: the first one counts, like a resend.
                outcomes[i] = new EventOutcome(i, usage.Id, EventOutcome.Duplicate, late);
            }
            else
            {
                incoming.Add(new IncomingEvent(usage, late));
                positions.Add(i);
            }
        }

        // A tenant without subscriptions skips the counter lock altogether.
        await using (metering.Subscriptions.Count > 0 ? await locks.SharedAsync(tenantId, cancellationToken) : null)
        {
            var stored = await store.AppendAsync(tenantId, incoming, now, cancellationToken);
            var accepted = new List<UsageEvent>(positions.Count);
            for (var k = 0; k < positions.Count; k++)
            {
                var status = stored[k] == AppendStatus.Accepted ? EventOutcome.Accepted : EventOutcome.Duplicate;
                outcomes[positions[k]] = new EventOutcome(positions[k], incoming[k].Event.Id, status, incoming[k].Late);
                if (status == EventOutcome.Accepted)
                {
                    accepted.Add(incoming[k].Event);
                }
            }

            await CountAsync(tenantId, metering, accepted);
        }

        var report = IngestReport.Of(outcomes);
        await RecordAsync(tenantId, report, now);
        return report;
    }

    // Like counting, the health figures are no reason to fail a request whose events are already committed.
    private async Task RecordAsync(Guid tenantId, IngestReport report, DateTimeOffset now)
    {
        try
        {
            await statistics.RecordAsync(tenantId, report, now, CancellationToken.None);
        }
        catch (Exception error) when (error is Npgsql.NpgsqlException or TimeoutException)
        {
            LogStatisticsFailed(error, tenantId);
        }
    }

    // The events are committed whatever happens here: a failure to count is logged and left to reconciliation, and
    // counting is not cancelled with the request (the caller's answer no longer depends on it).
    private async Task CountAsync(Guid tenantId, TenantMetering metering, List<UsageEvent> accepted)
    {
        if (metering.Subscriptions.Count == 0 || accepted.Count == 0)
        {
            return;
        }

        try
        {
            var touched = await counters.CountAsync(metering, accepted, CancellationToken.None);
            alerts.Notice(tenantId, touched);
            wallets.Notice(tenantId, touched);
        }
        catch (Exception error) when (error is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
        {
            LogCountingFailed(error, accepted.Count, tenantId);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Counting {Count} accepted events of tenant {Tenant} failed; the next reconciliation repairs the counters")]
    private partial void LogCountingFailed(Exception error, int count, Guid tenant);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording the ingest figures of tenant {Tenant} failed; the dashboard's ingest health misses this request")]
    private partial void LogStatisticsFailed(Exception error, Guid tenant);
}
