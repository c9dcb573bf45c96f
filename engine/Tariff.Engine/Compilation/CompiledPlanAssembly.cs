using System.Reflection;
using Tariff.Engine.Evaluation;
using Tariff.Engine.Usage;

namespace Tariff.Engine.Compilation;

/// <summary>A plan's generated code, loaded in its own collectible context, as delegates.</summary>
public sealed class CompiledPlanAssembly
{
    private readonly PlanLoadContext context;

    internal CompiledPlanAssembly(string hash, PlanLoadContext context, Assembly assembly, int charges, Func<int, int> pricingsOf)
    {
        Hash = hash;
        this.context = context;
        var type = assembly.GetType(CSharpGenerator.TypeName) ?? throw new InvalidOperationException("The compiled plan type is missing.");
        // One instance holds the plan's tables and patterns; delegates bound to it call without the thunk that static
        // methods need, and read its fields directly rather than through a collectible type's statics.
        var instance = Activator.CreateInstance(type);
        Meters = [.. Enumerable.Range(0, charges).Select(c =>
            type.GetMethod(CSharpGenerator.MeterMethod(c))!.CreateDelegate<Func<IReadOnlyList<UsageEvent>, UsagePeriod, Binding.BoundMeter, MeterResult>>(instance))];
        Prices = [.. Enumerable.Range(0, charges).Select(c => Enumerable.Range(0, pricingsOf(c))
            .Select(p => type.GetMethod(CSharpGenerator.PriceMethod(c, p)) is { } method
                ? method.CreateDelegate<Func<decimal, IReadOnlyList<decimal>, decimal>>(instance)
                : null)
            .ToArray())];
    }

    /// <summary>The SHA-256 of the generated source: plans with the same code share one assembly.</summary>
    public string Hash { get; }

    // Plain arrays, not interfaces: rating indexes them on every call.
    internal Func<IReadOnlyList<UsageEvent>, UsagePeriod, Binding.BoundMeter, MeterResult>[] Meters { get; }

    internal Func<decimal, IReadOnlyList<decimal>, decimal>?[][] Prices { get; }

    /// <summary>Starts unloading the plan's code; it goes once nothing references its delegates any more.</summary>
    internal void Unload() => context.Unload();
}
