namespace Tariff.Platform.Usage;

/// <summary>Which events a usage summary counts: a time range, optionally one consumer, optionally grouped by a dimension.</summary>
/// <param name="From">Inclusive start.</param>
/// <param name="To">Exclusive end.</param>
/// <param name="Consumer">Only this consumer (as the gateway identifies it), or every consumer.</param>
/// <param name="GroupBy">A dimension to split each consumer's totals by, or none.</param>
public sealed record UsageSummaryQuery(DateTimeOffset From, DateTimeOffset To, string? Consumer = null, string? GroupBy = null);
