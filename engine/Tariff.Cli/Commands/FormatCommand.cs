using Tariff.Engine.Formatting;
using Tariff.Engine.Syntax;

namespace Tariff.Cli.Commands;

/// <summary><c>tariff fmt FILE [--write]</c>: prints (or writes back) the canonical form.</summary>
internal static class FormatCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var write = args.Contains("--write");
        var paths = args.Where(a => a != "--write").ToList();
        if (paths.Count != 1)
        {
            error.WriteLine("usage: tariff fmt FILE [--write]");
            return ExitCodes.Usage;
        }

        var path = paths[0];
        if (DocumentFiles.Read(path, error) is not { } text)
        {
            return ExitCodes.Usage;
        }

        var parsed = DocumentParser.Parse(text);
        if (!DocumentFiles.Report(path, parsed.Diagnostics, error))
        {
            return ExitCodes.Failure;
        }

        var formatted = DocumentFormatter.Format(parsed.Document);
        if (!write)
        {
            output.Write(formatted);
            return ExitCodes.Success;
        }

        // Rewriting a file must lose nothing a person wrote.
        if (parsed.InnerComments > 0)
        {
            error.WriteLine($"{path}: not rewritten: the canonical form keeps comments above declarations only, and {parsed.InnerComments} comment line(s) stand inside one; move them above it first");
            return ExitCodes.Failure;
        }

        if (formatted != text)
        {
            File.WriteAllText(path, formatted);
        }

        return ExitCodes.Success;
    }
}
