using Tariff.Engine.Binding;
using Tariff.Engine.Compilation;
using Tariff.Engine.Evaluation;
using Tariff.Engine.Rating;
using static Tariff.Engine.Tests.Events;

namespace Tariff.Engine.Tests.Compilation;

public sealed class CompilerSafetyTests
{
    // Texts that would end a C# string or comment and start code if they were pasted into the source.
    public static TheoryData<string> BreakoutAttempts =>
    [
        "\"); System.IO.File.Delete(\"/tmp/x\"); //",
        "\\\"); System.Environment.Exit(1); //",
        "*/ System.Environment.Exit(2); /*",
        "\" + System.Environment.GetEnvironmentVariable(\"HOME\") + \"",
        "{0}{1}\\u0022; throw new System.Exception();",
        "\\n#error injected\\n",
        "\t\u00e9\u4e2d\ud83d\ude00 \\\\ \\t",
    ];

    [Theory]
    [MemberData(nameof(BreakoutAttempts))]
    public void Compile_UserTextInEveryStringPosition_StaysAnInertLiteral(string attempt)
    {
        var quoted = Engine.Formatting.DocumentFormatter.Quote(attempt);
        var text = $$"""
            meter calls {
                count
                where method = {{quoted}} or route starts with {{quoted}} or path matches {{quoted}} or dimensions.region in [{{quoted}}]
                group by dimensions.region
            }

            plan p {
                currency USD
                charge calls by dimensions.region {
                    when {{quoted}} per unit 2
                    otherwise per unit 1
                }
                example {{quoted}} {
                    usage calls[{{quoted}}] = 3
                    expect total = 6
                }
            }
            """;
        var plan = TestDocuments.Bind(text).Plans[0];

        var source = CSharpGenerator.Generate(plan);
        var engine = CompiledRatingEngine.Compile(plan);

        Assert.DoesNotContain("System.IO", source.Replace(CSharpGenerator.Text(attempt), string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("Environment", source.Replace(CSharpGenerator.Text(attempt), string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        var events = new[] { At(1, method: attempt, dimensions: [("region", attempt)]), At(2, method: "GET") };
        var compiled = PlanRater.Rate(engine, events, JanuaryPeriod);
        var interpreted = PlanRater.Rate(new InterpretedRatingEngine(plan), events, JanuaryPeriod);
        Assert.Equal(interpreted.ExactTotal, compiled.ExactTotal);
        Assert.Equal(2m, compiled.ExactTotal);
        Assert.All(ExampleRunner.Run(engine), outcome => Assert.True(outcome.Passed));
    }

    [Theory]
    [InlineData("meter m { count }\nplan p { currency USD charge m { per unit 1 } } System.IO.File.Delete(\"x\");")]
    [InlineData("meter m { count where method = System.Console.ReadLine() }")]
    [InlineData("meter m { count where status = 1; System.Environment.Exit(1) }")]
    [InlineData("meter typeof(System.IO.File) { count }")]
    [InlineData("plan p { currency USD charge m { per unit 1e3 } }")]
    public void Check_CodeWrittenAsADocument_IsADiagnosticNeverCode(string text)
    {
        var result = Binder.Check(text);

        Assert.True(result.HasErrors);
        Assert.Null(result.Document);
    }

    [Fact]
    public void AllowList_GeneratedCodeReachingForbiddenApis_IsRefusedBeforeLoading()
    {
        var plan = TestDocuments.Bind("meter m { count }\nplan p { currency USD charge m { per unit 1 } }").Plans[0];
        const string Pricing = "return D.Multiply(q, 1m);";
        var generated = CSharpGenerator.Generate(plan);
        Assert.Contains(Pricing, generated, StringComparison.Ordinal);
        var source = generated.Replace(Pricing, "System.IO.File.WriteAllText(\"/tmp/tariff-escape\", \"x\"); " + Pricing, StringComparison.Ordinal);

        var error = Assert.Throws<PlanCompilationException>(() => PlanCompiler.Compile(plan, source, PlanCompiler.HashOf(source)));

        Assert.Contains("outside the allow-list", error.Message, StringComparison.Ordinal);
        Assert.Contains("File.WriteAllText", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists("/tmp/tariff-escape"));
    }

    [Fact]
    public void Cache_SamePlanTwice_CompilesOnceAndAChangedPlanReplacesIt()
    {
        var cache = new CompiledPlanCache();
        var first = TestDocuments.Bind("meter m { count }\nplan p { currency USD charge m { per unit 1 } }").Plans[0];
        var changed = TestDocuments.Bind("meter m { count }\nplan p { currency USD charge m { per unit 2 } }").Plans[0];

        var a = cache.Get("tenant-1/p", first);
        var b = cache.Get("tenant-1/p", first);
        Assert.Same(a.Code, b.Code);

        var c = cache.Get("tenant-1/p", changed);
        Assert.NotSame(a.Code, c.Code);
        Assert.Equal(1, cache.LoadedCount);

        var shared = cache.Get("tenant-2/p", changed);
        Assert.Same(c.Code, shared.Code);
        Assert.Equal(1, cache.LoadedCount);
    }
}
