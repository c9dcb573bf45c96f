namespace Tariff.Platform.Usage;

/// <summary>
/// Collects the stores' per-step counts and sums (steps numbered from 0 at the query's start) into one point per
/// step, the empty ones included, so that a chart's gaps are zeros rather than missing days.
/// </summary>
internal sealed class UsageTimelineBuilder(UsageTimelineQuery query)
{
    private readonly Dictionary<long, (long Events, Dictionary<string, decimal> Measures)> steps = [];

    public void Count(long step, long events) => steps[step] = (events, new Dictionary<string, decimal>(StringComparer.Ordinal));

    public void Sum(long step, string measure, decimal total) => steps[step].Measures[measure] = total;

    public IReadOnlyList<UsageTimelinePoint> Points() =>
        [.. Enumerable.Range(0, (int)query.Points).Select(step => steps.TryGetValue(step, out var found)
            ? new UsageTimelinePoint(query.From + (query.Step * step), found.Events, found.Measures)
            : new UsageTimelinePoint(query.From + (query.Step * step), 0, new Dictionary<string, decimal>()))];
}
