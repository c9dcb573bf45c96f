using BenchmarkDotNet.Attributes;
using Tariff.Engine.Binding;
using Tariff.Engine.Compilation;
using Tariff.Engine.Evaluation;

namespace Tariff.Benchmarks;

/// <summary>Pricing 1,000 quantities spread over all five tiers of a graduated charge: compiled against interpreted.</summary>
[MemoryDiagnoser]
public class ChargeBenchmarks
{
    private const int Quantities = 1_000;
    private decimal[] quantities = [];
    private decimal[] amounts = [];
    private IRatingEngine compiled = null!;
    private IRatingEngine interpreted = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        // Log-uniform from 1 to 3,000,000, so that every tier is reached, the last ones least often.
        quantities = [.. Enumerable.Range(0, Quantities).Select(_ => decimal.Round((decimal)Math.Pow(10, random.NextDouble() * 6.5), 2))];
        amounts = new decimal[Quantities];
        var plan = Binder.Check(BenchmarkDocuments.FiveTiers).Document!.Plans[0];
        compiled = CompiledRatingEngine.Compile(plan);
        interpreted = new InterpretedRatingEngine(plan);
        Compiled();
        var expected = quantities.Select(q => interpreted.Price(0, 0, q, [])).ToArray();
        if (!amounts.Select(Exact).SequenceEqual(expected.Select(Exact)))
        {
            throw new InvalidOperationException("The engines disagree.");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Quantities)]
    public decimal Interpreted() => PriceAll(interpreted);

    [Benchmark(OperationsPerInvoke = Quantities)]
    public decimal Compiled() => PriceAll(compiled);

    // Each amount is stored, which keeps it alive without timing anything that is not rating (summing 1,000
    // decimals would cost more than a compiled rating).
    private decimal PriceAll(IRatingEngine engine)
    {
        for (var i = 0; i < quantities.Length; i++)
        {
            amounts[i] = engine.Price(0, 0, quantities[i], []);
        }

        return amounts[^1];
    }

    // Digits and scale: 1.0m and 1.00m are equal decimals but different amounts on an invoice.
    private static string Exact(decimal value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
