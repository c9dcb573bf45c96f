namespace Tariff.Platform.Usage;

/// <summary>One consumer's (and, when grouped, one dimension value's) events and measure totals.</summary>
/// <param name="Consumer">The consumer as the gateway identifies it.</param>
/// <param name="Group">The dimension's value when grouped (null for events without it, or when not grouped).</param>
/// <param name="Events">How many events, each counted once.</param>
/// <param name="Measures">The sum of each named measure over those events.</param>
public sealed record UsageSummaryRow(string Consumer, string? Group, long Events, IReadOnlyDictionary<string, decimal> Measures);
