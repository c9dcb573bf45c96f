using Tariff.Platform.Catalog;
using Tariff.Platform.Usage;

namespace Tariff.Studio.Analytics;

/// <summary>
/// Answers the usage explorer and its CSV export from the usage store. A consumer is asked for as each of its
/// gateway identities in turn, the timelines added step by step, since the store knows identities, not consumers.
/// </summary>
public sealed class UsageExplorer(IUsageStore store, ConsumerService consumers)
{
    public async Task<UsageView> ExploreAsync(Guid tenantId, UsageFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var all = await consumers.ListAsync(tenantId, cancellationToken);
        var owners = all.SelectMany(c => c.Identities.Select(i => (Identity: i, Consumer: c))).ToDictionary(p => p.Identity, p => p.Consumer, StringComparer.Ordinal);
        IReadOnlyList<string?> identities = filter.Identity is { } one ? [one]
            : filter.ConsumerId is { } id ? [.. all.FirstOrDefault(c => c.Id == id)?.Identities ?? []]
            : [null];

        var rows = new List<UsageSummaryRow>();
        var timeline = new List<IReadOnlyList<UsageTimelinePoint>>();
        foreach (var identity in identities)
        {
            rows.AddRange(await store.SummarizeAsync(tenantId, new UsageSummaryQuery(filter.From, filter.To, identity, filter.GroupBy), cancellationToken));
            timeline.Add(await store.TimelineAsync(tenantId, filter.Timeline(identity), cancellationToken));
        }

        return new UsageView(rows, timeline.Count == 0 ? Zeros(filter.Timeline(null)) : Add(timeline), owners);
    }

    // A consumer without identities has no usage, but the chart still shows its steps, all zero.
    private static List<UsageTimelinePoint> Zeros(UsageTimelineQuery query) =>
        [.. Enumerable.Range(0, (int)query.Points).Select(step => new UsageTimelinePoint(query.From + (query.Step * step), 0, new Dictionary<string, decimal>()))];

    private static List<UsageTimelinePoint> Add(List<IReadOnlyList<UsageTimelinePoint>> timelines) =>
        [.. timelines[0].Select((point, step) => new UsageTimelinePoint(point.Start, timelines.Sum(t => t[step].Events),
            timelines.SelectMany(t => t[step].Measures).GroupBy(m => m.Key).ToDictionary(g => g.Key, g => g.Sum(m => m.Value))))];
}
