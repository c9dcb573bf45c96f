using Microsoft.Extensions.Options;

namespace Tariff.Platform.Ingest;

/// <summary>
/// Backpressure: at most <see cref="IngestOptions.ConcurrentBatches"/> batches write at once and at most
/// <see cref="IngestOptions.QueuedBatches"/> wait. A batch that finds the line full, or waits longer than
/// <see cref="IngestOptions.QueueTimeout"/>, is turned away (429 with Retry-After), so that no sender ever sees a
/// timeout and the database is never asked for more than it can do.
/// </summary>
public sealed class IngestGate(IOptions<IngestOptions> options) : IDisposable
{
    private readonly SemaphoreSlim writers = new(options.Value.ConcurrentBatches, options.Value.ConcurrentBatches);

    // Batches writing plus batches waiting: a batch counts from entering until its slot is released.
    private int admitted;

    /// <summary>A slot to write in, to dispose when done; null when the sender should come back later.</summary>
    public async Task<IDisposable?> EnterAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Increment(ref admitted) > options.Value.QueuedBatches + options.Value.ConcurrentBatches)
        {
            Interlocked.Decrement(ref admitted);
            return null;
        }

        var entered = false;
        try
        {
            entered = await writers.WaitAsync(options.Value.QueueTimeout, cancellationToken);
            return entered ? new Slot(this) : null;
        }
        finally
        {
            if (!entered)
            {
                Interlocked.Decrement(ref admitted);
            }
        }
    }

    public void Dispose() => writers.Dispose();

    private sealed class Slot(IngestGate gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.writers.Release();
                Interlocked.Decrement(ref gate.admitted);
            }
        }
    }
}
