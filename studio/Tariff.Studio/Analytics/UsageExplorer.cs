using Tariff.Platform.Catalog;
using Tariff.Platform.Usage;

namespace Tariff.Studio.Analytics;

/// <summary>
/// Answers the usage explorer and its CSV export from the usage store. A consumer is asked for as each of its
/// gateway identities in turn, the timelines added step by step, since the store knows identities, not consumers.
/// Callers pass the tenant's consumers, which they have listed already.
/// </summary>
public sealed class UsageExplorer(IUsageStore store)
{
    /// <summary>The totals per identity (and dimension value) and who owns each identity: the explorer's table and its CSV.</summary>
    public async Task<UsageTotals> TotalsAsync(Guid tenantId, UsageFilter filter, IReadOnlyList<Consumer> all, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(all);
        var rows = new List<UsageSummaryRow>();
        foreach (var identity in Identities(filter, all))
        {
            rows.AddRange(await store.SummarizeAsync(tenantId, new UsageSummaryQuery(filter.From, filter.To, identity, filter.GroupBy), cancellationToken));
        }

        return new UsageTotals(rows, GatewayIdentities.Owners(all));
    }

    /// <summary>The chart: events and measures step by step, the filter's identities added together.</summary>
    public async Task<IReadOnlyList<UsageTimelinePoint>> TimelineAsync(Guid tenantId, UsageFilter filter, IReadOnlyList<Consumer> all,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(all);
        var timelines = new List<IReadOnlyList<UsageTimelinePoint>>();
        foreach (var identity in Identities(filter, all))
        {
            timelines.Add(await store.TimelineAsync(tenantId, filter.Timeline(identity), cancellationToken));
        }

        return timelines.Count == 0 ? Zeros(filter.Timeline(null)) : Add(timelines);
    }

    // One identity, a consumer's identities, or (null) every identity at once.
    private static IReadOnlyList<string?> Identities(UsageFilter filter, IReadOnlyList<Consumer> all) =>
        filter.Identity is { } one ? [one]
        : filter.ConsumerId is { } id ? [.. all.FirstOrDefault(c => c.Id == id)?.Identities ?? []]
        : [null];

    // A consumer without identities has no usage, but the chart still shows its steps, all zero.
    private static List<UsageTimelinePoint> Zeros(UsageTimelineQuery query) =>
        [.. Enumerable.Range(0, (int)query.Points).Select(step => new UsageTimelinePoint(query.From + (query.Step * step), 0, new Dictionary<string, decimal>()))];

    private static List<UsageTimelinePoint> Add(List<IReadOnlyList<UsageTimelinePoint>> timelines) =>
        [.. timelines[0].Select((point, step) => new UsageTimelinePoint(point.Start, timelines.Sum(t => t[step].Events),
            timelines.SelectMany(t => t[step].Measures).GroupBy(m => m.Key).ToDictionary(g => g.Key, g => g.Sum(m => m.Value))))];
}
