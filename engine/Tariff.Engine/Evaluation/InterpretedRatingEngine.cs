using Tariff.Engine.Binding;
using Tariff.Engine.Usage;

namespace Tariff.Engine.Evaluation;

/// <summary>The reference interpreter: rates by walking the bound tree. Slow and obviously right.</summary>
public sealed class InterpretedRatingEngine(BoundPlan plan) : IRatingEngine
{
    public BoundPlan Plan { get; } = plan ?? throw new ArgumentNullException(nameof(plan));

    public MeterResult EvaluateMeter(int chargeIndex, IReadOnlyList<UsageEvent> events, UsagePeriod period)
    {
        var charge = Plan.Charges[chargeIndex];
        return MeterEvaluator.Evaluate(charge.Meter, events, period, MeterAccumulator.NeedsEventValues(charge));
    }

    public decimal Price(int chargeIndex, int pricingIndex, decimal billable, IReadOnlyList<decimal> eventValues) =>
        PricingCatalog.Of(Plan.Charges[chargeIndex])[pricingIndex] switch
        {
            PerUnitPricing p => ChargeModels.PerUnit(billable, p.UnitPrice),
            GraduatedPricing g => ChargeModels.Graduated(billable, g.Tiers),
            VolumePricing v => ChargeModels.Volume(billable, v.Tiers),
            PackagePricing p => ChargeModels.Package(billable, p.Size, p.Price),
            PercentagePricing p => ChargeModels.Percentage(eventValues, p),
            GraduatedPercentagePricing g => ChargeModels.GraduatedPercentage(billable, g.Tiers),
            var other => throw new InvalidOperationException($"No pricing {pricingIndex} ({other?.GetType().Name}) in charge {chargeIndex}."),
        };
}
