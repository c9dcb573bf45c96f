using System.Text.Json;

namespace Tariff.Cli.Tests;

public sealed class CommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("tariff-cli-").FullName;

    [Fact]
    public void Rate_Output_HasTheDocumentedFieldsOnEveryLine()
    {
        var plan = Write("plan.tariff", "meter calls { count }\nplan p { currency EUR fee base 9.99 recurring charge calls { per unit 0.015 } }\n");
        var usage = Write("usage.json", """{"events": [{"id": "1", "timestamp": "2026-03-01T10:00:00Z", "consumer": "acme"}, {"id": "2", "timestamp": "2026-03-02T10:00:00+02:00", "consumer": "acme"}]}""");

        var (exitCode, output, error) = Cli.Run("rate", plan, usage, "--period", "2026-03-01..2026-04-01");

        Assert.True(exitCode == 0, error);
        var result = JsonDocument.Parse(output).RootElement;
        Assert.Equal(("EUR", "10.02", "10.020"), (result.GetProperty("currency").GetString(), result.GetProperty("total").GetString(), result.GetProperty("exact_total").GetString()));
        var usageLine = result.GetProperty("lines")[1];
        Assert.Equal(("calls", "2", "0.030", "0.03", "per unit: 2 × 0.015"),
            (usageLine.GetProperty("meter").GetString(), usageLine.GetProperty("quantity").GetString(), usageLine.GetProperty("amount").GetString(),
             usageLine.GetProperty("rounded_amount").GetString(), usageLine.GetProperty("explanation").GetString()));
    }

    [Theory]
    [InlineData("""{"events": [{"id": "1", "consumer": "acme"}]}""", "events[0].timestamp: required")]
    [InlineData("""{"events": [{"id": "1", "timestamp": "2026-03-01T10:00:00", "consumer": "acme"}]}""", "with an offset")]
    [InlineData("""{"events": [{"id": "1", "timestamp": "2026-03-01T10:00:00Z", "consumer": "acme", "measures": {"tokens": "many"}}]}""", "events[0].measures.tokens: must be a decimal number")]
    [InlineData("""{"events": [{"id": "1", "timestamp": "2026-03-01T10:00:00Z", "consumer": "acme", "colour": "red"}]}""", "events[0].colour: unknown field")]
    [InlineData("""{"events": [{"id": "1", "timestamp": "2026-03-01T10:00:00Z", "consumer": "a"}, {"id": "1", "timestamp": "2026-03-01T10:00:00Z", "consumer": "a"}]}""", "appears 2 times")]
    [InlineData("""{"events": [{"id": "1", "timestamp": "2026-03-01T10:00:00Z", "consumer": "a"}, {"id": "2", "timestamp": "2026-03-01T10:00:00Z", "consumer": "b"}]}""", "choose one with --consumer")]
    [InlineData("""{"events": [""", "not valid JSON")]
    public void Rate_BadUsage_NamesThePathOfTheProblemAndExitsTwo(string json, string expected)
    {
        var plan = Write("plan.tariff", "meter calls { count }\nplan p { currency EUR charge calls { per unit 1 } }\n");

        var (exitCode, _, error) = Cli.Run("rate", plan, Write("usage.json", json));

        Assert.Equal(2, exitCode);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_Write_RewritesToCanonicalButRefusesToDropInnerComments()
    {
        var messy = Write("messy.tariff", "# calls\nmeter   calls{count}\n");
        var commented = Write("commented.tariff", "meter calls {\n    # every call\n    count\n}\n");

        Assert.Equal(0, Cli.Run("fmt", messy, "--write").ExitCode);
        Assert.Equal("# calls\nmeter calls {\n    count\n}\n", File.ReadAllText(messy));

        var (exitCode, _, error) = Cli.Run("fmt", commented, "--write");
        Assert.Equal(1, exitCode);
        Assert.Contains("1 comment line(s) stand inside one", error, StringComparison.Ordinal);
        Assert.Equal("meter calls {\n    # every call\n    count\n}\n", File.ReadAllText(commented));
    }

    [Fact]
    public void Json_PrintsTheCanonicalJson()
    {
        var (exitCode, output, _) = Cli.Run("json", Write("m.tariff", "meter calls { count }"));

        Assert.Equal(0, exitCode);
        Assert.Equal("count", JsonDocument.Parse(output).RootElement.GetProperty("declarations")[0].GetProperty("aggregation").GetProperty("function").GetString());
    }

    [Fact]
    public void Test_RunsEmbeddedExamples_AndFailsWithTheExampleLocation()
    {
        var good = Path.Combine(Cli.Cases, "golden", "full-plan.tariff");
        var bad = Write("bad.tariff", "meter calls { count }\nplan p {\n    currency USD\n    charge calls { per unit 2 }\n    example \"ten\" {\n        usage calls = 10\n        expect total = 21\n    }\n}\n");

        var passing = Cli.Run("test", good);
        var failing = Cli.Run("test", bad);

        Assert.Equal(0, passing.ExitCode);
        Assert.Contains("PASS pro / \"busy month\": 370.59", passing.Output, StringComparison.Ordinal);
        Assert.Equal(1, failing.ExitCode);
        Assert.Contains($"{bad}(5,5): FAIL p / \"ten\": expected 21, got 20.00", failing.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_EveryGoldenDocument_IncludingTheLanguageGuidesExample_Passes()
    {
        var files = Directory.EnumerateFiles(Path.Combine(Cli.Cases, "golden"), "*.tariff").Order(StringComparer.Ordinal).ToArray();

        var (exitCode, output, error) = Cli.Run(["test", .. files]);

        Assert.True(exitCode == 0, output + error);
        Assert.Contains("PASS pro / \"quiet month\": 49.00", output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
