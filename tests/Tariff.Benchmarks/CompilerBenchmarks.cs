using BenchmarkDotNet.Attributes;
using Tariff.Engine.Binding;
using Tariff.Engine.Compilation;

namespace Tariff.Benchmarks;

/// <summary>Checking a 500-line document (parse and bind, no Roslyn) and compiling a 100-line plan, warm.</summary>
[MemoryDiagnoser]
public class CompilerBenchmarks
{
    private string fiveHundredLines = string.Empty;
    private BoundPlan hundredLinePlan = null!;

    [GlobalSetup]
    public void Setup()
    {
        fiveHundredLines = BenchmarkDocuments.OfLines(500);
        var hundredLines = BenchmarkDocuments.OfLines(100);
        Console.WriteLine($"// check document: {fiveHundredLines.Split('\n').Length} lines; compiled plan: {hundredLines.Split('\n').Length} lines");
        hundredLinePlan = Binder.Check(hundredLines).Document!.Plans[0];
    }

    [Benchmark]
    public int Check500Lines() => Binder.Check(fiveHundredLines).Diagnostics.Count;

    [Benchmark]
    public string Compile100LinePlan()
    {
        var code = PlanCompiler.Compile(hundredLinePlan);
        code.Unload();
        return code.Hash;
    }
}
