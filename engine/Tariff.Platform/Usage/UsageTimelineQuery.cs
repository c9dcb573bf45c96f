namespace Tariff.Platform.Usage;

/// <summary>Usage over time: events and measure totals in equal steps from <c>From</c>, optionally for one consumer.</summary>
/// <param name="From">Inclusive start, and the start of the first step.</param>
/// <param name="To">Exclusive end; the last step may be cut short by it.</param>
/// <param name="Step">Each point's width (an hour, a day); whole seconds.</param>
/// <param name="Consumer">Only this consumer (as the gateway identifies it), or every consumer.</param>
public sealed record UsageTimelineQuery(DateTimeOffset From, DateTimeOffset To, TimeSpan Step, string? Consumer = null)
{
    /// <summary>The most points one timeline may hold, so that a chart request cannot ask the store for millions of rows.</summary>
    public const int MaxPoints = 2000;

    /// <summary>How many steps cover [From, To).</summary>
    public long Points => Step <= TimeSpan.Zero ? 0 : (long)Math.Ceiling((To - From) / Step);

    /// <summary>Why a store refuses this query (callers validate first, so reaching a store with it is a bug), or null.</summary>
    public string? Problem() =>
        To <= From ? "'to' must be after 'from'"
        : Step < TimeSpan.FromSeconds(1) || Step.Ticks % TimeSpan.TicksPerSecond != 0 ? "the step must be a whole number of seconds"
        : Points > MaxPoints ? $"{Points} steps are too many; choose a longer step or a shorter range (at most {MaxPoints})"
        : null;

    /// <summary>Throws when <see cref="Problem"/> finds one.</summary>
    public void EnsureValid()
    {
        if (Problem() is { } problem)
        {
            throw new ArgumentOutOfRangeException(nameof(Step), problem);
        }
    }
}
