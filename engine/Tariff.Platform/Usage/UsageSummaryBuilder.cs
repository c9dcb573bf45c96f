namespace Tariff.Platform.Usage;

/// <summary>Collects a summary's event counts and measure sums, as the stores' two queries return them, into ordered rows.</summary>
internal sealed class UsageSummaryBuilder
{
    private readonly Dictionary<(string Consumer, string? Group), (long Events, Dictionary<string, decimal> Measures)> rows = [];

    public void Count(string consumer, string? group, long events) =>
        rows[(consumer, group)] = (events, new Dictionary<string, decimal>(StringComparer.Ordinal));

    /// <summary>A measure's sum for a consumer and group already counted.</summary>
    public void Sum(string consumer, string? group, string measure, decimal total) => rows[(consumer, group)].Measures[measure] = total;

    /// <summary>The rows by consumer, then group, in ordinal order.</summary>
    public IReadOnlyList<UsageSummaryRow> Rows() =>
        [.. rows
            .OrderBy(r => r.Key.Consumer, StringComparer.Ordinal).ThenBy(r => r.Key.Group, StringComparer.Ordinal)
            .Select(r => new UsageSummaryRow(r.Key.Consumer, r.Key.Group, r.Value.Events, r.Value.Measures))];
}
