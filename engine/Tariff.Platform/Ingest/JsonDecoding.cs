using System.Text.Json;

namespace Tariff.Platform.Ingest;

/// <summary>What the JSON decoders share: parser limits, and messages that say where the JSON broke.</summary>
internal static class JsonDecoding
{
    public static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    /// <summary>Reads one record (<c>$</c>) of a body, or each record of an array (<c>[i]</c>) in order.</summary>
    public delegate DecodedEvent RecordReader(JsonElement record, int index, string path);

    /// <summary>
    /// A body holding one record or an array of them; anything else is refused whole, the message being
    /// <paramref name="expected"/> followed by what the body is.
    /// </summary>
    public static List<DecodedEvent> OneOrMany(ReadOnlyMemory<byte> body, RecordReader read, string expected, bool one = true, bool many = true)
    {
        using var document = Parse(body);
        var root = document.RootElement;
        if (one && root.ValueKind == JsonValueKind.Object)
        {
            return [read(root, 0, "$")];
        }

        if (!many || root.ValueKind != JsonValueKind.Array)
        {
            throw new IngestFormatException($"{expected}, not {KindName(root.ValueKind)}.");
        }

        var records = new List<DecodedEvent>(root.GetArrayLength());
        foreach (var element in root.EnumerateArray())
        {
            records.Add(read(element, records.Count, $"[{records.Count}]"));
        }

        return records;
    }

    /// <summary>One record per line (<c>line N</c>); blank lines are skipped, and a line that is not JSON refuses only itself.</summary>
    public static List<DecodedEvent> Lines(ReadOnlyMemory<byte> body, RecordReader read)
    {
        var records = new List<DecodedEvent>();
        var rest = body;
        var line = 0;
        while (!rest.IsEmpty)
        {
            line++;
            var end = rest.Span.IndexOf((byte)'\n');
            var text = end < 0 ? rest : rest[..end];
            rest = end < 0 ? ReadOnlyMemory<byte>.Empty : rest[(end + 1)..];
            if (text.Span.Trim(" \t\r"u8).IsEmpty)
            {
                continue;
            }

            var path = $"line {line}";
            try
            {
                using var document = JsonDocument.Parse(text, Options);
                records.Add(read(document.RootElement, records.Count, path));
            }
            catch (JsonException error)
            {
                records.Add(DecodedEvent.Refused(records.Count, null, new EventError(path, $"not valid JSON: {Describe(error)}")));
            }
        }

        return records;
    }

    public static JsonDocument Parse(ReadOnlyMemory<byte> body)
    {
        try
        {
            return JsonDocument.Parse(body, Options);
        }
        catch (JsonException error)
        {
            throw new IngestFormatException($"The body is not valid JSON: {Describe(error)}", error);
        }
    }

    // System.Text.Json counts lines and bytes from zero; people count from one.
    public static string Describe(JsonException error) =>
        error.LineNumber is { } line && error.BytePositionInLine is { } column
            ? $"{FirstSentence(error.Message)} (line {line + 1}, byte {column + 1})"
            : FirstSentence(error.Message);

    public static string? IdOf(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;

    public static string KindName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        JsonValueKind.Object => "an object",
        _ => "an array",
    };

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (end > 0 ? message[..end] : message).TrimEnd('.', ' ');
    }
}
