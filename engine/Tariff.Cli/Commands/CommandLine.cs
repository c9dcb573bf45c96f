using System.Reflection;

namespace Tariff.Cli.Commands;

/// <summary>Dispatches the first argument to a command.</summary>
internal static class CommandLine
{
    public const string Help = """
        tariff: the Tariff pricing language tool

        usage:
          tariff check FILE...             report every diagnostic as path(line,col): severity id: message
          tariff fmt FILE [--write]        print (or rewrite) the canonical text
          tariff json FILE                 print the canonical JSON
          tariff rate PLAN USAGE.json      rate usage with a plan and print the lines and totals as JSON
                [--plan NAME] [--period START..END] [--from TIME] [--consumer ID] [--engine compiled|interpreted]
          tariff test FILE...              run the examples embedded in plans
          tariff replay FILE               send a file of events (canonical, CloudEvents or Kong logs) to a server
                [--url URL] [--key KEY] [--format canonical|cloudevents|kong] [--batch EVENTS] [--json]
          tariff loadgen                   send synthetic events at a steady rate; report rate and latency
                [--url URL] [--key KEY] [--rate EVENTS_PER_SECOND] [--duration SECONDS] [--batch EVENTS]
                [--consumers N] [--duplicates SHARE] [--connections N] [--json]
          tariff version                   print the tool's version
          tariff help                      print this text
        """;

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (args.Count == 0)
        {
            error.WriteLine(Help);
            return ExitCodes.Usage;
        }

        switch (args[0])
        {
            case "check":
                return CheckCommand.Run([.. args.Skip(1)], output, error);
            case "fmt":
                return FormatCommand.Run([.. args.Skip(1)], output, error);
            case "json":
                return JsonCommand.Run([.. args.Skip(1)], output, error);
            case "rate":
                return RateCommand.Run([.. args.Skip(1)], output, error);
            case "test":
                return TestCommand.Run([.. args.Skip(1)], output, error);
            case "replay":
                return ReplayCommand.Run([.. args.Skip(1)], output, error);
            case "loadgen":
                return LoadgenCommand.Run([.. args.Skip(1)], output, error);
            case "version" or "--version":
                output.WriteLine(typeof(CommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown");
                return ExitCodes.Success;
            case "help" or "--help" or "-h":
                output.WriteLine(Help);
                return ExitCodes.Success;
            default:
                error.WriteLine($"tariff: unknown command '{args[0]}'");
                error.WriteLine(Help);
                return ExitCodes.Usage;
        }
    }
}
