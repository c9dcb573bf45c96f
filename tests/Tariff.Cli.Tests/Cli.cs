using Tariff.Cli.Commands;

namespace Tariff.Cli.Tests;

/// <summary>Runs the tool in process, as ./tariff would, and captures what it prints.</summary>
internal static class Cli
{
    public static string Cases => Path.Combine(Tariff.Testing.TestEnvironment.RepositoryRoot, "tests", "cases");

    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = CommandLine.Run(args, output, error);
        return (exitCode, output.ToString().Replace("\r\n", "\n", StringComparison.Ordinal), error.ToString());
    }
}
