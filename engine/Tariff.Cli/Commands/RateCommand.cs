using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Tariff.Engine.Compilation;
using Tariff.Engine.Evaluation;
using Tariff.Engine.Rating;
using Tariff.Engine.Usage;

namespace Tariff.Cli.Commands;

/// <summary>
/// <c>tariff rate PLAN USAGE.json [--plan NAME] [--period START..END] [--from TIME] [--consumer ID]</c>: rates usage
/// with a plan and prints the result as JSON (decimals as strings, exact).
/// </summary>
internal static class RateCommand
{
    private const string Usage = "usage: tariff rate PLAN.tariff USAGE.json [--plan NAME] [--period START..END] [--from TIME] [--consumer ID] [--engine compiled|interpreted]";

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (!TryParseArguments(args, out var arguments, out var problem))
        {
            error.WriteLine(problem);
            error.WriteLine(Usage);
            return ExitCodes.Usage;
        }

        if (DocumentFiles.Bind(arguments.PlanPath, error) is not { } document)
        {
            return ExitCodes.Failure;
        }

        var plan = document.FindPlan(arguments.PlanName);
        if (plan is null)
        {
            error.WriteLine(arguments.PlanName is null
                ? $"{arguments.PlanPath}: holds {document.Plans.Count} plans; choose one with --plan ({string.Join(", ", document.Plans.Select(p => p.Name))})"
                : $"{arguments.PlanPath}: no plan named `{arguments.PlanName}`");
            return ExitCodes.Usage;
        }

        UsageFile usage;
        try
        {
            usage = UsageFile.Parse(File.ReadAllText(arguments.UsagePath));
            var events = Select(usage.Events, arguments.Consumer);
            var period = arguments.Period ?? usage.Period ?? UsageFile.Covering(events);
            var from = arguments.From ?? usage.From;
            IRatingEngine engine = arguments.Interpreted ? new InterpretedRatingEngine(plan) : CompiledRatingEngine.Compile(plan);
            var result = from is { } start
                ? PlanRater.RateIncrement(engine, events, period, start)
                : PlanRater.Rate(engine, events, period);
            Write(result, output);
            return ExitCodes.Success;
        }
        catch (Exception exception) when (exception is UsageFormatException or IOException or UnauthorizedAccessException or ArgumentOutOfRangeException)
        {
            error.WriteLine($"{arguments.UsagePath}: {exception.Message}");
            return ExitCodes.Usage;
        }
        catch (RatingException failure)
        {
            error.WriteLine($"{arguments.PlanPath}({failure.Span.Start}): error: {failure.Message}");
            return ExitCodes.Failure;
        }
    }

    private static List<UsageEvent> Select(IReadOnlyList<UsageEvent> events, string? consumer)
    {
        if (consumer is not null)
        {
            return [.. events.Where(e => e.Consumer == consumer)];
        }

        var consumers = events.Select(e => e.Consumer).Distinct(StringComparer.Ordinal).ToList();
        return consumers.Count <= 1
            ? [.. events]
            : throw new UsageFormatException($"events: belong to {consumers.Count} consumers ({string.Join(", ", consumers.Take(5))}); choose one with --consumer");
    }

    private static void Write(RatingResult result, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("plan", result.Plan);
            json.WriteString("currency", result.Currency.Code);
            json.WriteString("rounding", Engine.Money.Rounding.NameOf(result.Rounding));
            json.WriteStartObject("period");
            json.WriteString("start", result.Period.Start.ToString("O", CultureInfo.InvariantCulture));
            json.WriteString("end", result.Period.End.ToString("O", CultureInfo.InvariantCulture));
            json.WriteEndObject();
            json.WriteString("total", D(result.Total));
            json.WriteString("exact_total", D(result.ExactTotal));
            json.WriteStartArray("lines");
            foreach (var line in result.Lines)
            {
                json.WriteStartObject();
                json.WriteString("kind", line.Kind.ToString().ToLowerInvariant());
                json.WriteString("description", line.Description);
                WriteOptional(json, "meter", line.Meter);
                WriteOptional(json, "group", string.IsNullOrEmpty(line.Group) ? null : line.Group);
                WriteOptional(json, "quantity", line.Quantity is { } q ? D(q) : null);
                WriteOptional(json, "unit_price", line.UnitPrice is { } p ? D(p) : null);
                json.WriteString("amount", D(line.Amount));
                json.WriteString("rounded_amount", D(line.RoundedAmount));
                json.WriteString("explanation", line.Explanation);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static string D(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static bool TryParseArguments(IReadOnlyList<string> args, out RateArguments arguments, out string problem)
    {
        arguments = new RateArguments();
        problem = string.Empty;
        var positional = new List<string>();
        try
        {
            for (var i = 0; i < args.Count; i++)
            {
                string Value() => i + 1 < args.Count ? args[++i] : throw new UsageFormatException($"{args[i]} needs a value");
                switch (args[i])
                {
                    case "--plan":
                        arguments.PlanName = Value();
                        break;
                    case "--period":
                        arguments.Period = UsageFile.ParsePeriod(Value(), "--period");
                        break;
                    case "--from":
                        arguments.From = UsageFile.ParseMoment(Value(), "--from");
                        break;
                    case "--consumer":
                        arguments.Consumer = Value();
                        break;
                    case "--engine":
                        arguments.Interpreted = Value() switch
                        {
                            "interpreted" => true,
                            "compiled" => false,
                            var other => throw new UsageFormatException($"--engine is compiled or interpreted, not {other}"),
                        };
                        break;
                    case var option when option.StartsWith("--", StringComparison.Ordinal):
                        problem = $"unknown option {option}";
                        return false;
                    default:
                        positional.Add(args[i]);
                        break;
                }
            }
        }
        catch (UsageFormatException exception)
        {
            problem = exception.Message;
            return false;
        }

        if (positional.Count != 2)
        {
            problem = "rate needs a plan file and a usage file";
            return false;
        }

        (arguments.PlanPath, arguments.UsagePath) = (positional[0], positional[1]);
        return true;
    }

    private sealed class RateArguments
    {
        public string PlanPath { get; set; } = string.Empty;

        public string UsagePath { get; set; } = string.Empty;

        public string? PlanName { get; set; }

        public UsagePeriod? Period { get; set; }

        public DateTimeOffset? From { get; set; }

        public string? Consumer { get; set; }

        public bool Interpreted { get; set; }
    }
}
