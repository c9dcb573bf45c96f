using Tariff.Engine.Money;

namespace Tariff.Engine.Binding;

/// <summary>A checked plan: currency known, every meter resolved, every amount in the plan currency.</summary>
public sealed record BoundPlan(
    string Name,
    Currency Currency,
    BillingPeriod Period,
    RoundingMode Rounding,
    TrialPeriod? Trial,
    IReadOnlyList<BoundFee> Fees,
    IReadOnlyList<BoundCharge> Charges,
    decimal? Commitment,
    IReadOnlyList<BoundQuota> Quotas,
    IReadOnlyList<decimal> AlertThresholds,
    IReadOnlyList<BoundExample> Examples)
{
    /// <summary>Amounts in the plan currency that a period's charges (before tax) raise a spend alert at, lowest first; empty when none.</summary>
    public IReadOnlyList<decimal> SpendThresholds { get; init; } = [];
}
