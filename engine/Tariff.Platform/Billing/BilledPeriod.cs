using Tariff.Engine.Evaluation;

namespace Tariff.Platform.Billing;

/// <summary>A whole billing period and the part of it a subscription covers (all of it, or less at its start or end).</summary>
public sealed record BilledPeriod(UsagePeriod Whole, UsagePeriod Covered)
{
    /// <summary>True when the subscription covers only part of the period.</summary>
    public bool IsPartial => Covered != Whole;

    /// <summary>The share of the whole period's time that <paramref name="part"/> covers, exact.</summary>
    public decimal ShareOf(UsagePeriod part) =>
        part.End <= part.Start ? 0m : (decimal)(part.End - part.Start).Ticks / (Whole.End - Whole.Start).Ticks;
}
