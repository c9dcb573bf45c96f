using Tariff.Platform.Catalog;
using Tariff.Platform.Usage;

namespace Tariff.Studio.Analytics;

/// <summary>
/// Answers the usage explorer and its CSV export from the usage store. A consumer is asked for as each of its
/// gateway identities in turn, the timelines added step by step, since the store knows identities, not consumers.
/// Only the owners of the identities shown are read, never every consumer.
/// </summary>
public sealed class UsageExplorer(IUsageStore store, ConsumerService consumers)
{
    /// <summary>The totals per identity (and dimension value) and who owns each identity: the explorer's table and its CSV.</summary>
    public async Task<UsageTotals> TotalsAsync(Guid tenantId, UsageFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var rows = new List<UsageSummaryRow>();
        foreach (var identity in Identities(filter))
        {
            rows.AddRange(await store.SummarizeAsync(tenantId, new UsageSummaryQuery(filter.From, filter.To, identity, filter.GroupBy), cancellationToken));
        }

        return new UsageTotals(rows, await consumers.OwnersAsync(tenantId, rows.Select(r => r.Consumer), cancellationToken));
    }

    /// <summary>The chart: events and measures step by step, the filter's identities added together.</summary>
    public async Task<IReadOnlyList<UsageTimelinePoint>> TimelineAsync(Guid tenantId, UsageFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var timelines = new List<IReadOnlyList<UsageTimelinePoint>>();
        foreach (var identity in Identities(filter))
        {
            timelines.Add(await store.TimelineAsync(tenantId, filter.Timeline(identity), cancellationToken));
        }

        return timelines.Count == 0 ? Zeros(filter.Timeline(null)) : Add(timelines);
    }

    // One identity, a consumer's identities, or (null) every identity at once.
    private static IReadOnlyList<string?> Identities(UsageFilter filter) =>
        filter.Identity is { } one ? [one]
        : filter.ConsumerId is not null ? [.. filter.ConsumerIdentities]
        : [null];

    // A consumer without identities has no usage, but the chart still shows its steps, all zero.
    private static List<UsageTimelinePoint> Zeros(UsageTimelineQuery query) =>
        [.. Enumerable.Range(0, (int)query.Points).Select(step => new UsageTimelinePoint(query.From + (query.Step * step), 0, new Dictionary<string, decimal>()))];

    private static List<UsageTimelinePoint> Add(List<IReadOnlyList<UsageTimelinePoint>> timelines) =>
        [.. timelines[0].Select((point, step) => new UsageTimelinePoint(point.Start, timelines.Sum(t => t[step].Events),
            timelines.SelectMany(t => t[step].Measures).GroupBy(m => m.Key).ToDictionary(g => g.Key, g => g.Sum(m => m.Value))))];
}
