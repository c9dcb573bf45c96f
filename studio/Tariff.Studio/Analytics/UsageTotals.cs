using Tariff.Platform.Catalog;
using Tariff.Platform.Usage;

namespace Tariff.Studio.Analytics;

/// <summary>The usage explorer's totals per identity (and dimension value), and who owns each identity.</summary>
public sealed record UsageTotals(IReadOnlyList<UsageSummaryRow> Rows, IReadOnlyDictionary<string, Consumer> Owners)
{
    /// <summary>Every measure the rows carry, in ordinal order: the explorer's columns and chart choices.</summary>
    public IReadOnlyList<string> Measures => [.. Rows.SelectMany(r => r.Measures.Keys).Distinct().Order(StringComparer.Ordinal)];
}
