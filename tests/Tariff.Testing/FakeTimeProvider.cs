namespace Tariff.Testing;

/// <summary>A clock that moves only when a test says so (Microsoft's testing package is not available here).</summary>
public sealed class FakeTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow() => now;

    /// <summary>Moves the clock forward.</summary>
    public void Advance(TimeSpan by) => now += by;

    /// <summary>Moves the clock forward to <paramref name="moment"/>; time never runs backwards.</summary>
    public void MoveTo(DateTimeOffset moment)
    {
        if (moment < now)
        {
            throw new ArgumentOutOfRangeException(nameof(moment), moment, $"The clock is already at {now:O}.");
        }

        now = moment;
    }
}
