using Microsoft.Extensions.Options;
using Tariff.Platform.Ingest;

namespace Tariff.Platform.Tests.Ingest;

public sealed class IngestGateTests
{
    [Fact]
    public async Task Enter_WhenEveryWriterIsBusyAndTheLineIsFull_TurnsAwayAtOnceAndLetsInOnceASlotFrees()
    {
        using var gate = new IngestGate(Options.Create(new IngestOptions { ConcurrentBatches = 1, QueuedBatches = 0, QueueTimeout = TimeSpan.FromMinutes(5) }));

        var first = await gate.EnterAsync();
        var turnedAway = await gate.EnterAsync();
        first!.Dispose();
        using var afterRelease = await gate.EnterAsync();

        Assert.NotNull(first);
        Assert.Null(turnedAway);
        Assert.NotNull(afterRelease);
    }

    [Fact]
    public async Task Enter_WaitingLongerThanTheQueueTimeout_IsTurnedAwayRatherThanLeftWaiting()
    {
        using var gate = new IngestGate(Options.Create(new IngestOptions { ConcurrentBatches = 1, QueuedBatches = 5, QueueTimeout = TimeSpan.FromMilliseconds(50) }));
        using var busy = await gate.EnterAsync();

        var waited = await gate.EnterAsync();

        Assert.Null(waited);
    }

    [Fact]
    public async Task Slot_DisposedTwice_ReleasesOnce()
    {
        using var gate = new IngestGate(Options.Create(new IngestOptions { ConcurrentBatches = 1, QueuedBatches = 0 }));
        var slot = await gate.EnterAsync();

        slot!.Dispose();
        slot.Dispose();
        using var second = await gate.EnterAsync();
        var third = await gate.EnterAsync();

        Assert.NotNull(second);
        Assert.Null(third);
    }
}
