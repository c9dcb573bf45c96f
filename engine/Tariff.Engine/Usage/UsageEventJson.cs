using System.Globalization;
using System.Text.Json;

namespace Tariff.Engine.Usage;

/// <summary>
/// Reads canonical usage events from JSON. Field names are snake_case; numbers may be JSON numbers or decimal
/// strings, and are read exactly (never through a double).
/// </summary>
public static class UsageEventJson
{
    private static readonly HashSet<string> KnownFields =
    [
        "id", "timestamp", "consumer", "source", "product", "route", "path", "method", "status", "latency_ms",
        "request_bytes", "response_bytes", "measures", "dimensions",
    ];

    /// <summary>Reads one event; <paramref name="path"/> names it in errors (<c>events[3]</c>).</summary>
    public static UsageEvent Read(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new UsageFormatException($"{path}: an event must be a JSON object");
        }

        foreach (var property in element.EnumerateObject().Where(p => !KnownFields.Contains(p.Name)))
        {
            throw new UsageFormatException($"{path}.{property.Name}: unknown field; put custom values under \"measures\" (numbers) or \"dimensions\" (text)");
        }

        var status = OptionalNumber(element, "status", path);
        if (status is { } code && (code != decimal.Truncate(code) || code is < 100 or > 599))
        {
            throw new UsageFormatException($"{path}.status: must be an HTTP status from 100 to 599, not {code}");
        }

        return new UsageEvent(
            Id: RequiredText(element, "id", path),
            Timestamp: Timestamp(element, path),
            Consumer: RequiredText(element, "consumer", path),
            Source: OptionalText(element, "source", path),
            Product: OptionalText(element, "product", path),
            Route: OptionalText(element, "route", path),
            Path: OptionalText(element, "path", path),
            Method: OptionalText(element, "method", path),
            Status: status is null ? null : (int)status.Value,
            LatencyMs: OptionalNumber(element, "latency_ms", path),
            RequestBytes: OptionalNumber(element, "request_bytes", path),
            ResponseBytes: OptionalNumber(element, "response_bytes", path),
            Measures: Measures(element, path),
            Dimensions: Dimensions(element, path));
    }

    /// <summary>Reads a number written as a JSON number or a decimal string.</summary>
    public static decimal Number(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Number && element.TryGetDecimal(out var number))
        {
            return number;
        }

        if (element.ValueKind == JsonValueKind.String
            && decimal.TryParse(element.GetString(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        throw new UsageFormatException($"{path}: must be a decimal number (a JSON number or a string such as \"12.5\") within ±7.9e28");
    }

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

    private static DateTimeOffset Timestamp(JsonElement element, string path) =>
        Instant(RequiredText(element, "timestamp", path), $"{path}.timestamp");

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');

    private static string RequiredText(JsonElement element, string name, string path) =>
        OptionalText(element, name, path) is { Length: > 0 } text
            ? text
            : throw new UsageFormatException($"{path}.{name}: required, and must be a non-empty string");

    private static string? OptionalText(JsonElement element, string name, string path)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new UsageFormatException($"{path}.{name}: must be a string");
    }

    private static decimal? OptionalNumber(JsonElement element, string name, string path) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? Number(value, $"{path}.{name}") : null;

    private static Dictionary<string, decimal>? Measures(JsonElement element, string path)
    {
        if (!element.TryGetProperty("measures", out var measures) || measures.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (measures.ValueKind != JsonValueKind.Object)
        {
            throw new UsageFormatException($"{path}.measures: must be an object of named numbers");
        }

        return measures.EnumerateObject().ToDictionary(p => p.Name, p => Number(p.Value, $"{path}.measures.{p.Name}"), StringComparer.Ordinal);
    }

    private static Dictionary<string, string>? Dimensions(JsonElement element, string path)
    {
        if (!element.TryGetProperty("dimensions", out var dimensions) || dimensions.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (dimensions.ValueKind != JsonValueKind.Object)
        {
            throw new UsageFormatException($"{path}.dimensions: must be an object of named strings");
        }

        return dimensions.EnumerateObject().ToDictionary(
            p => p.Name,
            p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : throw new UsageFormatException($"{path}.dimensions.{p.Name}: must be a string"),
            StringComparer.Ordinal);
    }
}
