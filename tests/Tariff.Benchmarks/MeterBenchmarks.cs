using BenchmarkDotNet.Attributes;
using Tariff.Engine.Binding;
using Tariff.Engine.Compilation;
using Tariff.Engine.Evaluation;
using Tariff.Engine.Usage;

namespace Tariff.Benchmarks;

/// <summary>A filtered sum over 100,000 in-memory events: compiled, interpreted, and the same logic written by hand.</summary>
[MemoryDiagnoser]
public class MeterBenchmarks
{
    private const int EventCount = 100_000;
    private readonly UsagePeriod period = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero));
    private UsageEvent[] events = [];
    private IRatingEngine compiled = null!;
    private IRatingEngine interpreted = null!;

    [GlobalSetup]
    public void Setup()
    {
        events = BenchmarkDocuments.Events(EventCount);
        var plan = Binder.Check(BenchmarkDocuments.FilteredSum).Document!.Plans[0];
        compiled = CompiledRatingEngine.Compile(plan);
        interpreted = new InterpretedRatingEngine(plan);
        if (HandWritten() != Compiled() || Compiled() != Interpreted())
        {
            throw new InvalidOperationException("The three implementations disagree.");
        }
    }

    /// <summary>The baseline: what a developer would write by hand for this meter.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = EventCount)]
    public decimal HandWritten()
    {
        var total = 0m;
        var (start, end) = (period.Start, period.End);
        foreach (var e in events)
        {
            if (e.Timestamp < start || e.Timestamp >= end)
            {
                continue;
            }

            if (e.Method == "POST" && e.Status is < 500 && e.Measures is not null && e.Measures.TryGetValue("tokens", out var tokens))
            {
                total += tokens;
            }
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = EventCount)]
    public decimal Compiled() => compiled.EvaluateMeter(0, events, period).Total;

    [Benchmark(OperationsPerInvoke = EventCount)]
    public decimal Interpreted() => interpreted.EvaluateMeter(0, events, period).Total;
}
