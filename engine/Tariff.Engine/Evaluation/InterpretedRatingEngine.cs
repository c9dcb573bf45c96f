using Tariff.Engine.Binding;
using Tariff.Engine.Syntax;
using Tariff.Engine.Usage;

namespace Tariff.Engine.Evaluation;

/// <summary>The reference interpreter: rates by walking the bound tree. Slow and obviously right.</summary>
public sealed class InterpretedRatingEngine(BoundPlan plan) : IRatingEngine
{
    public BoundPlan Plan { get; } = plan ?? throw new ArgumentNullException(nameof(plan));

    public MeterResult EvaluateMeter(int chargeIndex, IReadOnlyList<UsageEvent> events, UsagePeriod period)
    {
        ArgumentNullException.ThrowIfNull(events);
        var charge = Plan.Charges[chargeIndex];
        var meter = charge.Meter;
        var accumulator = new MeterAccumulator(meter, MeterAccumulator.NeedsEventValues(charge));
        foreach (var usage in events)
        {
            if (!period.Contains(usage.Timestamp) || (meter.Filter is { } filter && !ConditionInterpreter.Matches(filter, usage)))
            {
                continue;
            }

            switch (meter.Function)
            {
                case AggregationFunction.Count:
                    accumulator.Add(usage, 1m, null);
                    break;
                case AggregationFunction.Unique:
                    if (meter.Field!.Text(usage) is { } text)
                    {
                        accumulator.Add(usage, 0m, text);
                    }

                    break;
                default:
                    if (meter.Field!.Number(usage) is { } number)
                    {
                        accumulator.Add(usage, number, null);
                    }

                    break;
            }
        }

        return accumulator.Finish(period);
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
