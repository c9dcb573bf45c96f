using Tariff.Engine.Binding;
using Tariff.Engine.Evaluation;
using Tariff.Engine.Usage;

namespace Tariff.Engine.Compilation;

/// <summary>Rates with a plan's compiled code. Must agree exactly with <see cref="InterpretedRatingEngine"/>.</summary>
public sealed class CompiledRatingEngine(BoundPlan plan, CompiledPlanAssembly code) : IRatingEngine
{
    public BoundPlan Plan { get; } = plan ?? throw new ArgumentNullException(nameof(plan));

    /// <summary>The compiled code this engine runs.</summary>
    public CompiledPlanAssembly Code { get; } = code ?? throw new ArgumentNullException(nameof(code));

    /// <summary>Compiles a plan without caching (tools and tests; services use <see cref="CompiledPlanCache"/>).</summary>
    public static CompiledRatingEngine Compile(BoundPlan plan) => new(plan, PlanCompiler.Compile(plan));

    public MeterResult EvaluateMeter(int chargeIndex, IReadOnlyList<UsageEvent> events, UsagePeriod period) =>
        Code.Meters[chargeIndex](events, period, Plan.Charges[chargeIndex].Meter);

    public decimal Price(int chargeIndex, int pricingIndex, decimal billable, IReadOnlyList<decimal> eventValues) =>
        Code.Prices[chargeIndex][pricingIndex] is { } price
            ? price(billable, eventValues)
            : throw new InvalidOperationException($"Charge {chargeIndex} of plan `{Plan.Name}` has no pricing {pricingIndex}.");
}
