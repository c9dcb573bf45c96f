using Tariff.Engine.Syntax;

namespace Tariff.Cli.Commands;

/// <summary><c>tariff json FILE</c>: prints the canonical JSON form.</summary>
internal static class JsonCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (args.Count != 1)
        {
            error.WriteLine("usage: tariff json FILE");
            return ExitCodes.Usage;
        }

        if (DocumentFiles.Read(args[0], error) is not { } text)
        {
            return ExitCodes.Usage;
        }

        var parsed = DocumentParser.Parse(text);
        if (!DocumentFiles.Report(args[0], parsed.Diagnostics, error))
        {
            return ExitCodes.Failure;
        }

        output.WriteLine(DocumentJson.Serialize(parsed.Document));
        return ExitCodes.Success;
    }
}
