using Tariff.Engine.Binding;
using Tariff.Engine.Usage;

namespace Tariff.Engine.Evaluation;

/// <summary>
/// Runs a query's meters over one consumer's events: once over the range, or once per step. Each step's events are
/// measured on their own, as a billing period's would be, so a step's quantity is what a period of that length bills.
/// </summary>
public static class QueryEvaluator
{
    /// <summary>The cells for <paramref name="events"/> in <paramref name="range"/>: steps in time order, then meters in the query's order, then groups.</summary>
    public static IReadOnlyList<QueryCell> Evaluate(BoundQuery query, UsagePeriod range, IReadOnlyList<UsageEvent> events)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(events);
        var cells = new List<QueryCell>();
        foreach (var (period, inStep) in Steps(query.Step, range, events))
        {
            foreach (var meter in query.Meters)
            {
                var result = MeterEvaluator.Evaluate(meter, inStep, period);
                cells.AddRange(result.Groups.Select(g => new QueryCell(query.Step is null ? null : period.Start, meter.Name, g.Key, g.Quantity)));
            }
        }

        return cells;
    }

    /// <summary>The step periods of a range: one for the whole range without a step; the last step ends at the range's end.</summary>
    public static IEnumerable<UsagePeriod> StepsOf(TimeSpan? step, UsagePeriod range)
    {
        if (step is not { } length)
        {
            yield return range;
            yield break;
        }

        for (var start = range.Start; start < range.End; start += length)
        {
            yield return new UsagePeriod(start, start + length < range.End ? start + length : range.End);
        }
    }

    // Each step with only its own events, so that a long range of fine steps reads every event once, not once per step.
    private static IEnumerable<(UsagePeriod Period, List<UsageEvent> Events)> Steps(TimeSpan? step, UsagePeriod range, IReadOnlyList<UsageEvent> events)
    {
        var periods = StepsOf(step, range).ToList();
        var buckets = periods.Select(_ => new List<UsageEvent>()).ToList();
        foreach (var usage in events)
        {
            if (range.Contains(usage.Timestamp))
            {
                buckets[step is { } length ? (int)((usage.Timestamp - range.Start).Ticks / length.Ticks) : 0].Add(usage);
            }
        }

        return periods.Zip(buckets);
    }
}
