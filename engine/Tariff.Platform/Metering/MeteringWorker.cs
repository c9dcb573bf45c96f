using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tariff.Platform.Alerts;
using Tariff.Platform.Wallets;

namespace Tariff.Platform.Metering;

/// <summary>
/// The background half of real-time metering, once per <see cref="MeteringOptions.RefreshInterval"/>: recompute the
/// meters that cannot be merged, check noticed periods for alerts, expire credit and check noticed wallets, send due alert deliveries; and once per
/// <see cref="MeteringOptions.ReconcileInterval"/>, reconcile every tenant's counters with the usage store.
/// </summary>
public sealed partial class MeteringWorker(
    UsageCounters counters, UsageAlerts alerts, WalletMonitor wallets, AlertDispatcher dispatcher, CounterReconciler reconciler, MeteringOptions options, TimeProvider clock,
    ILogger<MeteringWorker> logger) : BackgroundService
{
    private DateTimeOffset lastReconciliation = DateTimeOffset.MinValue;

    /// <summary>One pass: recompute, alert, deliver, and reconcile when it is due.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken = default)
    {
        foreach (var (tenantId, bucket) in await counters.RecomputePendingAsync(cancellationToken))
        {
            alerts.Notice(tenantId, [bucket]);
            wallets.Notice(tenantId, [bucket]);
        }

        await alerts.EvaluatePendingAsync(cancellationToken);
        await wallets.EvaluatePendingAsync(cancellationToken);
        await dispatcher.DispatchDueAsync(cancellationToken);
        if (clock.GetUtcNow() - lastReconciliation >= options.ReconcileInterval)
        {
            lastReconciliation = clock.GetUtcNow();
            foreach (var tenantId in await reconciler.TenantsAsync(cancellationToken))
            {
                var result = await reconciler.ReconcileAsync(tenantId, cancellationToken);
                if (result.Drifts.Count > 0)
                {
                    LogDrift(tenantId, result.Drifts.Count, result.Periods);
                }
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first reconciliation waits one interval: a starting instance has nothing of its own to repair.
        lastReconciliation = clock.GetUtcNow();
        using var timer = new PeriodicTimer(options.RefreshInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // Counters, alerts and deliveries are all kept in the database: the next pass picks up where this one failed.
                LogFailed(error);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciliation repaired {Count} drifted counters of tenant {Tenant} over {Periods} periods")]
    private partial void LogDrift(Guid tenant, int count, int periods);

    [LoggerMessage(Level = LogLevel.Error, Message = "A metering pass failed; the next one retries")]
    private partial void LogFailed(Exception error);
}
