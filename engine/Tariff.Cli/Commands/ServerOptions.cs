using System.Globalization;

namespace Tariff.Cli.Commands;

/// <summary>The options of commands that talk to a server: where, with which key, and their own named options.</summary>
internal sealed class ServerOptions
{
    public const string DefaultServer = "http://127.0.0.1:5080/";

    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);

    public List<string> Positional { get; } = [];

    public Uri Server => new(values.GetValueOrDefault("--url") ?? DefaultServer);

    /// <summary>--key, else TARIFF_API_KEY, else TARIFF_BOOTSTRAP_API_KEY (what ./studio.sh sets).</summary>
    public string? Key => values.GetValueOrDefault("--key")
        ?? Environment.GetEnvironmentVariable("TARIFF_API_KEY")
        ?? Environment.GetEnvironmentVariable("TARIFF_BOOTSTRAP_API_KEY");

    public bool Json => values.ContainsKey("--json");

    /// <summary>Reads <c>--name value</c> pairs (and the flag <c>--json</c>); null when they are malformed, with the problem.</summary>
    public static ServerOptions? Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> known, out string? problem)
    {
        var options = new ServerOptions();
        problem = null;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--json")
            {
                options.values["--json"] = "true";
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                if (!known.Contains(args[i]) && args[i] is not ("--url" or "--key"))
                {
                    problem = $"unknown option {args[i]}";
                    return null;
                }

                if (i + 1 >= args.Count)
                {
                    problem = $"{args[i]} needs a value";
                    return null;
                }

                options.values[args[i]] = args[++i];
            }
            else
            {
                options.Positional.Add(args[i]);
            }
        }

        return options;
    }

    public string? Text(string name) => values.GetValueOrDefault(name);

    /// <summary>A number option within a range, or the default; null (with the problem) when it is not one.</summary>
    public double? Number(string name, double fallback, double minimum, double maximum, ref string? problem)
    {
        if (!values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number >= minimum && number <= maximum)
        {
            return number;
        }

        problem ??= $"{name} must be a number from {minimum} to {maximum}, not '{text}'";
        return null;
    }
}
