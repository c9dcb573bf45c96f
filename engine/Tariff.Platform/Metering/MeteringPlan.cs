using Tariff.Engine.Binding;
using Tariff.Engine.Evaluation;
using Tariff.Engine.Syntax;
using Tariff.Platform.Catalog;

namespace Tariff.Platform.Metering;

/// <summary>
/// What the counters measure for one plan version: every meter a charge or a quota names. <see cref="Raw"/> is a plan
/// whose charge i measures meter i with its unit conversion and rounding taken off, so that the compiled code gives
/// the meter's aggregate before conversion. Counts, sums, maxima and minima of such aggregates merge batch by batch;
/// the conversion is applied when a counter is read, exactly as one evaluation over every event applies it.
/// </summary>
public sealed class MeteringPlan
{
    private MeteringPlan(BoundPlan plan, IReadOnlyList<BoundMeter> meters, BoundPlan raw)
    {
        Plan = plan;
        Meters = meters;
        Raw = raw;
    }

    /// <summary>The plan as written: quotas, alert thresholds, billing period.</summary>
    public BoundPlan Plan { get; }

    /// <summary>The meters measured, as written (with their conversions): charged meters first, then quota-only ones.</summary>
    public IReadOnlyList<BoundMeter> Meters { get; }

    /// <summary>One unpriced charge per meter of <see cref="Meters"/>, in the same order, without conversions.</summary>
    public BoundPlan Raw { get; }

    /// <summary>The metering plan of a checked plan document.</summary>
    public static MeteringPlan Of(PlanDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var plan = document.Plan;
        var meters = new List<BoundMeter>();
        foreach (var meter in plan.Charges.Select(c => c.Meter)
            .Concat(plan.Quotas.Select(q => document.Meters.First(m => m.Name == q.Meter))))
        {
            if (meters.TrueForAll(m => m.Name != meter.Name))
            {
                meters.Add(meter);
            }
        }

        var charges = meters.Select(m => new BoundCharge(m with { Scaling = [], Rounding = null }, null, null,
            new Dictionary<string, BoundPricing>(), null, 0m, null, null, [])).ToList();
        var raw = plan with { Fees = [], Charges = charges, Commitment = null, Quotas = [], Examples = [] };
        return new MeteringPlan(plan, meters, raw);
    }

    /// <summary>The position of <paramref name="meter"/> in <see cref="Meters"/>, or -1.</summary>
    public int IndexOf(string meter)
    {
        for (var i = 0; i < Meters.Count; i++)
        {
            if (Meters[i].Name == meter)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// How aggregates of separate batches combine into the aggregate of all their events: counts and sums <c>add</c>,
    /// maxima and minima keep the extreme (<c>max</c>, <c>min</c>); unique values, the latest value and time-weighted
    /// sums need every event of the period at once, so their counters are only ever recomputed (<c>replace</c>).
    /// </summary>
    public string MergeOf(int index) => Meters[index].Function switch
    {
        AggregationFunction.Count or AggregationFunction.Sum => "add",
        AggregationFunction.Max => "max",
        AggregationFunction.Min => "min",
        _ => "replace",
    };

    /// <summary>True when the meter's counters merge batch by batch (see <see cref="MergeOf"/>).</summary>
    public bool Mergeable(int index) => MergeOf(index) != "replace";

    /// <summary>The meter's quantity from its aggregate: converted and rounded as the meter says.</summary>
    public decimal Quantity(int index, decimal raw) => MeterAccumulator.Convert(Meters[index], raw, round: true);
}
