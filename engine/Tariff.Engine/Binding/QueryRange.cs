using Tariff.Engine.Evaluation;

namespace Tariff.Engine.Binding;

/// <summary>
/// A query's range: <c>last N days</c> ends at the end of the current UTC day, <c>last N hours</c> at the end of the
/// current hour, so that today's usage is shown and steps fall on whole days and hours; <c>from … to</c> is fixed.
/// </summary>
/// <param name="Last">How far back, for a relative range.</param>
/// <param name="Unit">The step a relative range ends on: one day or one hour.</param>
/// <param name="Fixed">The fixed range, for <c>from … to</c>.</param>
public sealed record QueryRange(TimeSpan? Last, TimeSpan Unit, UsagePeriod? Fixed)
{
    /// <summary>The default range: the last 30 days.</summary>
    public static QueryRange Default { get; } = new(TimeSpan.FromDays(30), TimeSpan.FromDays(1), null);

    /// <summary>The longest range a query may cover.</summary>
    public static TimeSpan Longest { get; } = TimeSpan.FromDays(366);

    /// <summary>The range as of <paramref name="now"/>.</summary>
    public UsagePeriod Resolve(DateTimeOffset now)
    {
        if (Fixed is { } range)
        {
            return range;
        }

        var utc = now.ToUniversalTime();
        var end = new DateTimeOffset(utc.Ticks - (utc.Ticks % Unit.Ticks), TimeSpan.Zero) + Unit;
        return new UsagePeriod(end - Last!.Value, end);
    }

    /// <summary>How long the range is, whenever it runs.</summary>
    public TimeSpan Length => Fixed is { } range ? range.End - range.Start : Last!.Value;
}
