namespace Tariff.Platform.Metering;

/// <summary>A counter that disagreed with the store: what it held and what the store's events give (null: no such counter).</summary>
public sealed record CounterDrift(Guid SubscriptionId, DateTimeOffset PeriodStart, string Meter, string Group, decimal? Counted, decimal? Stored);
