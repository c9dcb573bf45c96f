using Tariff.Engine.Binding;
using Tariff.Engine.Usage;

namespace Tariff.Engine.Evaluation;

/// <summary>
/// The hot core of rating, implemented twice over the same bound tree: by the reference interpreter and by code
/// generated to C# and compiled with Roslyn. Everything else (lines, explanations, discounts, rounding) is shared.
/// </summary>
public interface IRatingEngine
{
    /// <summary>The plan this engine rates.</summary>
    BoundPlan Plan { get; }

    /// <summary>Evaluates the meter of charge <paramref name="chargeIndex"/> over the events inside <paramref name="period"/>.</summary>
    MeterResult EvaluateMeter(int chargeIndex, IReadOnlyList<UsageEvent> events, UsagePeriod period);

    /// <summary>
    /// Prices one group of charge <paramref name="chargeIndex"/> with its pricing number <paramref name="pricingIndex"/>
    /// (see <see cref="PricingCatalog"/>), given the billable quantity (after the free allowance) and the event values.
    /// </summary>
    decimal Price(int chargeIndex, int pricingIndex, decimal billable, IReadOnlyList<decimal> eventValues);
}
