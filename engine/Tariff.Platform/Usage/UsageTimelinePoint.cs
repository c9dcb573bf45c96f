namespace Tariff.Platform.Usage;

/// <summary>One step of a usage timeline.</summary>
/// <param name="Start">Where the step starts.</param>
/// <param name="Events">How many events, each counted once.</param>
/// <param name="Measures">The sum of each named measure over those events.</param>
public sealed record UsageTimelinePoint(DateTimeOffset Start, long Events, IReadOnlyDictionary<string, decimal> Measures);
