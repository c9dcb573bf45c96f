using Tariff.Cli.Commands;

namespace Tariff.Cli.Tests;

public sealed class CheckCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("tariff-cli-").FullName;

    [Fact]
    public void Check_ValidFile_PrintsNothingAndExitsZero()
    {
        var path = Write("ok.tariff", "meter api_calls { }\n");

        var (exitCode, output, _) = Run("check", path);

        Assert.Equal(0, exitCode);
        Assert.Equal(string.Empty, output);
    }

    [Fact]
    public void Check_FileWithErrors_PrintsCompilerStyleLinesAndExitsOne()
    {
        var path = Write("bad.tariff", "meter api_calls { }\nplan starter }\n");

        var (exitCode, output, _) = Run("check", path);

        Assert.Equal(1, exitCode);
        Assert.Equal($"{path}(2,14): error TRF0002: unexpected `}}`; expected `{{`", output.TrimEnd());
    }

    [Fact]
    public void Check_MissingFile_SaysSoAndExitsTwo()
    {
        var (exitCode, _, error) = Run("check", Path.Combine(folder, "absent.tariff"));

        Assert.Equal(2, exitCode);
        Assert.Contains("absent.tariff: cannot read", error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownCommand_PrintsUsageAndExitsTwo()
    {
        var (exitCode, _, error) = Run("frobnicate");

        Assert.Equal(2, exitCode);
        Assert.Contains("unknown command 'frobnicate'", error, StringComparison.Ordinal);
        Assert.Contains("tariff check FILE...", error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = CommandLine.Run(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
