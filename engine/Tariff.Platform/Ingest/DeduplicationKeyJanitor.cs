using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tariff.Platform.Usage;

namespace Tariff.Platform.Ingest;

/// <summary>
/// Forgets idempotency keys older than the deduplication window, hourly. After that an id sent again is a new,
/// late event: the window is how long a sender may retry.
/// </summary>
public sealed partial class DeduplicationKeyJanitor(IUsageStore store, IOptions<IngestOptions> options, TimeProvider clock,
    ILogger<DeduplicationKeyJanitor> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                var forgotten = await store.ForgetKeysAsync(clock.GetUtcNow() - options.Value.DeduplicationWindow, stoppingToken);
                LogForgotten(forgotten);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // The next hour tries again; keys kept longer only make deduplication stricter.
                LogFailed(error);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Forgot {Count} idempotency keys past the deduplication window")]
    private partial void LogForgotten(long count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not forget expired idempotency keys")]
    private partial void LogFailed(Exception error);
}
