using System.Threading.Channels;
using Tariff.Platform.Billing;

namespace Tariff.Studio.Hosting;

/// <summary>
/// Runs billing requested through the API in the background, one at a time, so that the request returns at once
/// with the run's address and the caller (or the studio's progress bar) follows it there.
/// </summary>
public sealed class BillingRunWorker(BillingRunner runner, ILogger<BillingRunWorker> logger) : BackgroundService
{
    private readonly Channel<(Guid Tenant, BillingRun Run, BillingRunRequest Request)> pending =
        Channel.CreateUnbounded<(Guid, BillingRun, BillingRunRequest)>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Records the run as started (refusing a bad selection at once) and queues it.</summary>
    public async Task<BillingRun> EnqueueAsync(Guid tenantId, BillingRunRequest request, CancellationToken cancellationToken)
    {
        var run = await runner.StartAsync(tenantId, request, cancellationToken);
        await pending.Writer.WriteAsync((tenantId, run, request), cancellationToken);
        return run;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (tenant, run, request) in pending.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await runner.CompleteAsync(tenant, run, request, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The run stays "running" in the database only if the database itself is gone; its invoices are safe either way.
                logger.LogError(exception, "Billing run {Run} stopped", run.Id);
            }
        }
    }
}
