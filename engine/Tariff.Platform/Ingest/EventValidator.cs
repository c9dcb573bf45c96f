using Tariff.Engine.Usage;

namespace Tariff.Platform.Ingest;

/// <summary>
/// The checks beyond the event's form: sizes every store can hold, numbers within range, and timestamps that are
/// plausible for the server's clock. Each failure names the field.
/// </summary>
public static class EventValidator
{
    /// <summary>The longest id, consumer, source and name.</summary>
    public const int MaxKeyLength = 256;

    /// <summary>The longest route, path, product, method or dimension value.</summary>
    public const int MaxTextLength = 2_048;

    /// <summary>The most measures or dimensions on one event.</summary>
    public const int MaxEntries = 64;

    /// <summary>Numbers stay below 10^18 in size with at most 12 decimals: every store keeps them exactly.</summary>
    public const decimal MaxMagnitude = 1_000_000_000_000_000_000m;

    /// <summary>The most decimals a number may have.</summary>
    public const int MaxScale = 12;

    /// <summary>
    /// Null when the event may be stored, else what is wrong and where (the event is <c>[index]</c>). Field paths are
    /// built only for the error: this runs for every event of every batch.
    /// </summary>
    public static EventError? Check(UsageEvent usage, int index, DateTimeOffset now, IngestOptions options)
    {
        ArgumentNullException.ThrowIfNull(usage);
        ArgumentNullException.ThrowIfNull(options);
        return Key(usage.Id, index, "id")
            ?? Key(usage.Consumer, index, "consumer")
            ?? (usage.Source is null ? null : Key(usage.Source, index, "source"))
            ?? Time(usage.Timestamp, index, now, options)
            ?? Text(usage.Product, index, "product") ?? Text(usage.Route, index, "route") ?? Text(usage.Path, index, "path")
            ?? Text(usage.Method, index, "method")
            ?? Amount(usage.LatencyMs, index, "latency_ms", mayBeNegative: false)
            ?? Amount(usage.RequestBytes, index, "request_bytes", mayBeNegative: false)
            ?? Amount(usage.ResponseBytes, index, "response_bytes", mayBeNegative: false)
            ?? Entries(usage.Measures, index, "measures", (entry, value) => Amount(value, index, "measures", mayBeNegative: true, entry))
            ?? Entries(usage.Dimensions, index, "dimensions", (entry, value) => Text(value, index, "dimensions", entry));
    }

    private static string Field(int index, string name, string? entry) => entry is null ? $"[{index}].{name}" : $"[{index}].{name}.{entry}";

    private static EventError? Key(string value, int index, string name, string? entry = null) =>
        value.Length == 0 ? new EventError(Field(index, name, entry), "must not be empty")
        : value.Length > MaxKeyLength ? new EventError(Field(index, name, entry), $"is {value.Length} characters long; the limit is {MaxKeyLength}")
        : null;

    private static EventError? Text(string? value, int index, string name, string? entry = null) =>
        value is { Length: > MaxTextLength } ? new EventError(Field(index, name, entry), $"is {value.Length} characters long; the limit is {MaxTextLength}") : null;

    private static EventError? Time(DateTimeOffset timestamp, int index, DateTimeOffset now, IngestOptions options)
    {
        if (timestamp > now + options.FutureTolerance)
        {
            return new EventError(Field(index, "timestamp", null), $"{timestamp:O} is in the future (the server's clock says {now:O}; {options.FutureTolerance.TotalMinutes:0} minutes of drift are allowed)");
        }

        return timestamp < now - options.MaximumAge
            ? new EventError(Field(index, "timestamp", null), $"{timestamp:O} is more than {options.MaximumAge.TotalDays:0} days old")
            : null;
    }

    private static EventError? Amount(decimal? value, int index, string name, bool mayBeNegative, string? entry = null)
    {
        if (value is not { } number)
        {
            return null;
        }

        if (!mayBeNegative && number < 0)
        {
            return new EventError(Field(index, name, entry), $"must not be negative, not {number}");
        }

        if (Math.Abs(number) >= MaxMagnitude || number.Scale > MaxScale)
        {
            return new EventError(Field(index, name, entry), $"{number} is out of range: numbers must be below 10^18 in size, with at most {MaxScale} decimals");
        }

        return null;
    }

    private static EventError? Entries<T>(IReadOnlyDictionary<string, T>? entries, int index, string name, Func<string, T, EventError?> check)
    {
        if (entries is null)
        {
            return null;
        }

        if (entries.Count > MaxEntries)
        {
            return new EventError(Field(index, name, null), $"has {entries.Count} entries; the limit is {MaxEntries}");
        }

        foreach (var (entry, value) in entries)
        {
            if (entry.Length is 0 or > MaxKeyLength)
            {
                return Key(entry, index, $"{name} (a name)");
            }

            if (check(entry, value) is { } error)
            {
                return error;
            }
        }

        return null;
    }
}
