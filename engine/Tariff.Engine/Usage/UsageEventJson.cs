using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Tariff.Engine.Usage;

/// <summary>
/// Reads canonical usage events from JSON. Field names are snake_case; numbers may be JSON numbers or decimal
/// strings, and are read exactly (never through a double).
/// </summary>
public static class UsageEventJson
{
    // In the order events are usually written: each property is first compared with the one after the last match.
    private static readonly byte[][] FieldNames =
    [
        "id"u8.ToArray(), "timestamp"u8.ToArray(), "consumer"u8.ToArray(), "source"u8.ToArray(), "product"u8.ToArray(),
        "route"u8.ToArray(), "path"u8.ToArray(), "method"u8.ToArray(), "status"u8.ToArray(), "latency_ms"u8.ToArray(),
        "request_bytes"u8.ToArray(), "response_bytes"u8.ToArray(), "measures"u8.ToArray(), "dimensions"u8.ToArray(),
    ];

    // One value per field, on the stack: a JsonElement holds a reference, so it cannot be stackalloc'ed.
    [InlineArray(14)]
    private struct FieldValues
    {
        private JsonElement element;
    }

    private enum Field { Id, Timestamp, Consumer, Source, Product, Route, Path, Method, Status, LatencyMs, RequestBytes, ResponseBytes, Measures, Dimensions }

    /// <summary>
    /// Reads one event; <paramref name="path"/> names it in errors (<c>events[3]</c>). This runs for every event the
    /// ingest API receives, so the object is walked once and field paths are built only for an error.
    /// </summary>
    public static UsageEvent Read(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new UsageFormatException($"{path}: an event must be a JSON object");
        }

        // A repeated field keeps its last value, as JsonElement.TryGetProperty would.
        var values = default(FieldValues);
        Span<JsonElement> fields = values;
        Span<bool> present = stackalloc bool[FieldNames.Length];
        var expected = 0;
        foreach (var property in element.EnumerateObject())
        {
            var field = Find(property, expected);
            if (field < 0)
            {
                throw new UsageFormatException($"{path}.{property.Name}: unknown field; put custom values under \"measures\" (numbers) or \"dimensions\" (text)");
            }

            fields[field] = property.Value;
            present[field] = property.Value.ValueKind != JsonValueKind.Null;
            expected = field + 1;
        }

        var status = OptionalNumber(fields, present, Field.Status, path);
        if (status is { } code && (code != decimal.Truncate(code) || code is < 100 or > 599))
        {
            throw new UsageFormatException($"{path}.status: must be an HTTP status from 100 to 599, not {code}");
        }

        return new UsageEvent(
            Id: RequiredText(fields, present, Field.Id, path),
            Timestamp: Instant(fields[(int)Field.Timestamp], RequiredText(fields, present, Field.Timestamp, path), path, "timestamp"),
            Consumer: RequiredText(fields, present, Field.Consumer, path),
            Source: OptionalText(fields, present, Field.Source, path),
            Product: OptionalText(fields, present, Field.Product, path),
            Route: OptionalText(fields, present, Field.Route, path),
            Path: OptionalText(fields, present, Field.Path, path),
            Method: OptionalText(fields, present, Field.Method, path),
            Status: status is null ? null : (int)status.Value,
            LatencyMs: OptionalNumber(fields, present, Field.LatencyMs, path),
            RequestBytes: OptionalNumber(fields, present, Field.RequestBytes, path),
            ResponseBytes: OptionalNumber(fields, present, Field.ResponseBytes, path),
            Measures: present[(int)Field.Measures] ? Measures(fields[(int)Field.Measures], path) : null,
            Dimensions: present[(int)Field.Dimensions] ? Dimensions(fields[(int)Field.Dimensions], path) : null);
    }

    /// <summary>Reads a number written as a JSON number or a decimal string.</summary>
    public static decimal Number(JsonElement element, string path) =>
        TryNumber(element, out var number) ? number : throw NotANumber(path);

    /// <summary>Reads an ISO 8601 date and time that states its offset; <paramref name="path"/> names the field in errors.</summary>
    public static DateTimeOffset Instant(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var timestamp) && HasOffset(text))
        {
            return timestamp;
        }

        throw new UsageFormatException($"{path}: \"{text}\" must be an ISO 8601 date and time with an offset, such as 2026-01-05T10:00:00Z");
    }

    private static int Find(JsonProperty property, int expected)
    {
        if (expected < FieldNames.Length && property.NameEquals(FieldNames[expected]))
        {
            return expected;
        }

        for (var i = 0; i < FieldNames.Length; i++)
        {
            if (i != expected && property.NameEquals(FieldNames[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static string NameOf(Field field) => Encoding.UTF8.GetString(FieldNames[(int)field]);

    private static bool TryNumber(JsonElement element, out decimal number)
    {
        if (element.ValueKind == JsonValueKind.Number && element.TryGetDecimal(out number))
        {
            return true;
        }

        number = 0;
        return element.ValueKind == JsonValueKind.String
            && decimal.TryParse(element.GetString(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number);
    }

    private static UsageFormatException NotANumber(string path) =>
        new($"{path}: must be a decimal number (a JSON number or a string such as \"12.5\") within ±7.9e28");

    // The ISO 8601 instants senders write are read by System.Text.Json's parser; anything else (other layouts, more
    // than seven decimals, which it would truncate) goes through DateTimeOffset's, so either way the result is the same.
    private static DateTimeOffset Instant(JsonElement value, string text, string path, string name)
    {
        if (HasOffset(text) && FractionDigits(text) <= 7 && value.TryGetDateTimeOffset(out var timestamp))
        {
            return timestamp;
        }

        return Instant(text, $"{path}.{name}");
    }

    private static int FractionDigits(string text)
    {
        var point = text.IndexOf('.', StringComparison.Ordinal);
        if (point < 0)
        {
            return 0;
        }

        var end = point + 1;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        return end - point - 1;
    }

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');

    private static string RequiredText(ReadOnlySpan<JsonElement> fields, ReadOnlySpan<bool> present, Field field, string path) =>
        OptionalText(fields, present, field, path) is { Length: > 0 } text
            ? text
            : throw new UsageFormatException($"{path}.{NameOf(field)}: required, and must be a non-empty string");

    private static string? OptionalText(ReadOnlySpan<JsonElement> fields, ReadOnlySpan<bool> present, Field field, string path)
    {
        if (!present[(int)field])
        {
            return null;
        }

        var value = fields[(int)field];
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new UsageFormatException($"{path}.{NameOf(field)}: must be a string");
    }

    private static decimal? OptionalNumber(ReadOnlySpan<JsonElement> fields, ReadOnlySpan<bool> present, Field field, string path) =>
        !present[(int)field] ? null
        : TryNumber(fields[(int)field], out var number) ? number
        : throw NotANumber($"{path}.{NameOf(field)}");

    private static Dictionary<string, decimal> Measures(JsonElement measures, string path)
    {
        if (measures.ValueKind != JsonValueKind.Object)
        {
            throw new UsageFormatException($"{path}.measures: must be an object of named numbers");
        }

        var named = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var property in measures.EnumerateObject())
        {
            named[property.Name] = TryNumber(property.Value, out var number) ? number : throw NotANumber($"{path}.measures.{property.Name}");
        }

        return named;
    }

    private static Dictionary<string, string> Dimensions(JsonElement dimensions, string path)
    {
        if (dimensions.ValueKind != JsonValueKind.Object)
        {
            throw new UsageFormatException($"{path}.dimensions: must be an object of named strings");
        }

        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in dimensions.EnumerateObject())
        {
            named[property.Name] = property.Value.ValueKind == JsonValueKind.String
                ? property.Value.GetString()!
                : throw new UsageFormatException($"{path}.dimensions.{property.Name}: must be a string");
        }

        return named;
    }
}
