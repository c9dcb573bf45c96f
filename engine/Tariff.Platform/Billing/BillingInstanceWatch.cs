using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Tariff.Platform.Billing;

/// <summary>Beats for this process and marks failed the runs of processes that stopped, every <see cref="BillingOptions.HeartbeatInterval"/>.</summary>
public sealed partial class BillingInstanceWatch(BillingInstance instance, BillingOptions options, TimeProvider clock, ILogger<BillingInstanceWatch> logger)
    : BackgroundService
{
    /// <summary>One beat and one look for abandoned runs.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken = default)
    {
        await instance.BeatAsync(cancellationToken);
        foreach (var run in await instance.FailAbandonedAsync(cancellationToken))
        {
            LogAbandoned(run);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.HeartbeatInterval, clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // A missed beat only matters after AbandonedAfter; the next tick tries again.
                LogFailed(error);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Billing run {Run} was marked failed: the process carrying it out stopped")]
    private partial void LogAbandoned(Guid run);

    [LoggerMessage(Level = LogLevel.Error, Message = "Recording this process's billing heartbeat failed; the next beat retries")]
    private partial void LogFailed(Exception error);
}
