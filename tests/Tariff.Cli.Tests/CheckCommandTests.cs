namespace Tariff.Cli.Tests;

public sealed class CheckCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("tariff-cli-").FullName;

    public static TheoryData<string> DiagnosticCases =>
        [.. Directory.EnumerateFiles(Path.Combine(Cli.Cases, "diagnostics"), "*.tariff").Select(path => Path.GetFileNameWithoutExtension(path)).Order()];

    [Theory]
    [MemberData(nameof(DiagnosticCases))]
    public void Check_GoldenCase_PrintsExactlyTheExpectedDiagnostics(string name)
    {
        var directory = Path.Combine(Cli.Cases, "diagnostics");
        var expected = File.ReadAllText(Path.Combine(directory, $"{name}.diagnostics"));
        var previous = Environment.CurrentDirectory;
        try
        {
            // Relative paths, as the expected files were written.
            Environment.CurrentDirectory = directory;
            var (exitCode, output, _) = Cli.Run("check", $"{name}.tariff");

            Assert.Equal(1, exitCode);
            Assert.Equal(expected, output);
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    [Fact]
    public void Check_ValidFiles_PrintNothingAndExitZero()
    {
        var files = Directory.EnumerateFiles(Path.Combine(Cli.Cases, "charge-models"), "*.tariff")
            .Append(Path.Combine(Cli.Cases, "golden", "full-plan.tariff")).ToArray();

        var (exitCode, output, _) = Cli.Run(["check", .. files]);

        Assert.Equal((0, string.Empty), (exitCode, output));
    }

    [Fact]
    public void Check_MissingFile_SaysSoAndExitsTwo()
    {
        var (exitCode, _, error) = Cli.Run("check", Path.Combine(folder, "absent.tariff"));

        Assert.Equal(2, exitCode);
        Assert.Contains("absent.tariff: cannot read", error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownCommand_PrintsUsageAndExitsTwo()
    {
        var (exitCode, _, error) = Cli.Run("frobnicate");

        Assert.Equal(2, exitCode);
        Assert.Contains("unknown command 'frobnicate'", error, StringComparison.Ordinal);
        Assert.Contains("tariff rate PLAN USAGE.json", error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
