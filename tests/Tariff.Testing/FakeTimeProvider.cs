namespace Tariff.Testing;

/// <summary>A clock that moves only when a test says so (Microsoft's testing package is not available here).</summary>
public sealed class FakeTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow() => now;

    /// <summary>Moves the clock forward.</summary>
    public void Advance(TimeSpan by) => now += by;
}
