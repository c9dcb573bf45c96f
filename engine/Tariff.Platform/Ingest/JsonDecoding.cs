using System.Text.Json;

namespace Tariff.Platform.Ingest;

/// <summary>What the JSON decoders share: parser limits, and messages that say where the JSON broke.</summary>
internal static class JsonDecoding
{
    public static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

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
