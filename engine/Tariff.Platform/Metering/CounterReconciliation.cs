namespace Tariff.Platform.Metering;

/// <summary>One reconciliation of a tenant's counters: how many subscription periods it checked and every drift it repaired.</summary>
public sealed record CounterReconciliation(Guid Id, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, int Periods, IReadOnlyList<CounterDrift> Drifts);
