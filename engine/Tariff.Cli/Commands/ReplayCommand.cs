using System.Globalization;
using System.Text;
using System.Text.Json;
using Tariff.Cli.Ingest;

namespace Tariff.Cli.Commands;

/// <summary>
/// <c>tariff replay FILE</c>: sends a file of events to a server in batches: canonical events (a usage file with an
/// <c>events</c> array, an array, or NDJSON), CloudEvents, or Kong log records. The format is recognised from the
/// first record unless <c>--format</c> says it. Replaying a file twice stores nothing new: the second time every
/// event is a duplicate.
/// </summary>
internal static class ReplayCommand
{
    public const string Usage = "usage: tariff replay FILE [--url URL] [--key KEY] [--format canonical|cloudevents|kong] [--batch EVENTS] [--json]";

    private static readonly string[] Known = ["--format", "--batch"];

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        string? problem = null;
        var options = ServerOptions.Parse(args, Known, out problem);
        var batch = options?.Number("--batch", 1_000, 1, 100_000, ref problem);
        if (options is null || problem is not null || options.Positional.Count != 1 || options.Key is null)
        {
            error.WriteLine(problem ?? (options?.Key is null ? "no API key: pass --key or set TARIFF_API_KEY" : "replay takes exactly one file"));
            error.WriteLine(Usage);
            return ExitCodes.Usage;
        }

        var path = options.Positional[0];
        List<string> records;
        string format;
        try
        {
            records = Records(File.ReadAllText(path), path);
            format = options.Text("--format") ?? FormatOf(records);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException)
        {
            error.WriteLine($"{path}: {exception.Message}");
            return ExitCodes.Usage;
        }

        if (Target(format) is not { } target)
        {
            error.WriteLine($"--format must be canonical, cloudevents or kong, not '{format}'");
            return ExitCodes.Usage;
        }

        using var client = IngestClient.Create(options.Server, options.Key, connections: 1, TimeProvider.System);
        var results = new List<BatchResult>();
        foreach (var chunk in records.Chunk((int)batch!.Value))
        {
            results.Add(client.SendAsync(target.Path, target.ContentType, Encoding.UTF8.GetBytes($"[{string.Join(',', chunk)}]"), CancellationToken.None).GetAwaiter().GetResult());
        }

        var (accepted, duplicates, rejected) = (results.Sum(r => r.Accepted), results.Sum(r => r.Duplicates), results.Sum(r => r.Rejected));
        var failures = results.Where(r => r.Error is not null).Select(r => r.Error!).ToList();
        output.WriteLine(options.Json
            ? JsonSerializer.Serialize(new { file = path, format, records = records.Count, accepted, duplicates, rejected, failures })
            : string.Create(CultureInfo.InvariantCulture,
                $"{path}: {records.Count:N0} {format} records in {results.Count:N0} batches: accepted {accepted:N0}, duplicates {duplicates:N0}, rejected {rejected:N0}{(failures.Count == 0 ? string.Empty : $"; failed batches {failures.Count}: {failures[0]}")}"));
        return failures.Count == 0 && rejected == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    // Each record as its JSON text: the elements of a top-level array or of a usage file's `events`, one object, or lines.
    private static List<string> Records(string text, string path)
    {
        var trimmed = text.TrimStart();
        if (path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
        {
            return [.. text.Split('\n').Where(line => !string.IsNullOrWhiteSpace(line)).Select(line => Compact(JsonDocument.Parse(line).RootElement))];
        }

        using var document = JsonDocument.Parse(trimmed);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("events", out var events) && events.ValueKind == JsonValueKind.Array)
        {
            root = events;
        }

        return root.ValueKind == JsonValueKind.Array ? [.. root.EnumerateArray().Select(Compact)] : [Compact(root)];
    }

    private static string Compact(JsonElement element) => JsonSerializer.Serialize(element);

    private static string FormatOf(List<string> records)
    {
        if (records.Count == 0)
        {
            return "canonical";
        }

        using var first = JsonDocument.Parse(records[0]);
        var root = first.RootElement;
        return root.ValueKind != JsonValueKind.Object ? "canonical"
            : root.TryGetProperty("specversion", out _) ? "cloudevents"
            : root.TryGetProperty("started_at", out _) || root.TryGetProperty("latencies", out _) ? "kong"
            : "canonical";
    }

    private static (string Path, string ContentType)? Target(string format) => format switch
    {
        "canonical" => ("api/v1/events", "application/json"),
        "cloudevents" => ("api/v1/events", "application/cloudevents-batch+json"),
        "kong" => ("api/v1/ingest/kong", "application/json"),
        _ => null,
    };
}
