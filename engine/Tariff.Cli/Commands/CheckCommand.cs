using Tariff.Engine.Binding;

namespace Tariff.Cli.Commands;

/// <summary><c>tariff check FILE...</c>: prints every diagnostic as <c>path(line,col): error TRF0101: message</c>.</summary>
internal static class CheckCommand
{
    /// <summary>Returns 0 when no file has errors, 1 when one does, 2 when a file cannot be read.</summary>
    public static int Run(IReadOnlyList<string> paths, TextWriter output, TextWriter error)
    {
        if (paths.Count == 0)
        {
            error.WriteLine("usage: tariff check FILE...");
            return ExitCodes.Usage;
        }

        var exitCode = ExitCodes.Success;
        foreach (var path in paths)
        {
            if (DocumentFiles.Read(path, error) is not { } text)
            {
                exitCode = ExitCodes.Usage;
                continue;
            }

            if (!DocumentFiles.Report(path, Binder.Check(text).Diagnostics, output) && exitCode == ExitCodes.Success)
            {
                exitCode = ExitCodes.Failure;
            }
        }

        return exitCode;
    }
}
