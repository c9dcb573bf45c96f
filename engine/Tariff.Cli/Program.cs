using Tariff.Cli.Commands;

return CommandLine.Run(args, Console.Out, Console.Error);
