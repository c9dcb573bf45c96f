namespace Tariff.Cli.Commands;

/// <summary>The tool's exit codes, the same for every command.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The input has errors (diagnostics, failed examples).</summary>
    public const int Failure = 1;

    /// <summary>The command line was wrong or a file could not be read.</summary>
    public const int Usage = 2;
}
