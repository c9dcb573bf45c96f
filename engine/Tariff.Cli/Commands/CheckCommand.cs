using Tariff.Engine.Syntax;

namespace Tariff.Cli.Commands;

/// <summary><c>tariff check FILE...</c>: prints every diagnostic as <c>path(line,col): error TRF0001: message</c>.</summary>
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
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"{path}: cannot read: {exception.Message}");
                exitCode = ExitCodes.Usage;
                continue;
            }

            var result = DocumentParser.Parse(text);
            foreach (var diagnostic in result.Diagnostics)
            {
                output.WriteLine(diagnostic.Format(path));
            }

            if (result.HasErrors && exitCode == ExitCodes.Success)
            {
                exitCode = ExitCodes.Failure;
            }
        }

        return exitCode;
    }
}
