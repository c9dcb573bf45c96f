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

    /// <summary>Null when the event may be stored, else what is wrong and where (<paramref name="path"/> names the event).</summary>
    public static EventError? Check(UsageEvent usage, string path, DateTimeOffset now, IngestOptions options)
    {
        ArgumentNullException.ThrowIfNull(usage);
        ArgumentNullException.ThrowIfNull(options);
        return Key(usage.Id, $"{path}.id")
            ?? Key(usage.Consumer, $"{path}.consumer")
            ?? (usage.Source is null ? null : Key(usage.Source, $"{path}.source"))
            ?? Time(usage.Timestamp, $"{path}.timestamp", now, options)
            ?? Text(usage.Product, $"{path}.product") ?? Text(usage.Route, $"{path}.route") ?? Text(usage.Path, $"{path}.path")
            ?? Text(usage.Method, $"{path}.method")
            ?? Amount(usage.LatencyMs, $"{path}.latency_ms", mayBeNegative: false)
            ?? Amount(usage.RequestBytes, $"{path}.request_bytes", mayBeNegative: false)
            ?? Amount(usage.ResponseBytes, $"{path}.response_bytes", mayBeNegative: false)
            ?? Entries(usage.Measures, $"{path}.measures", (name, value) => Amount(value, $"{path}.measures.{name}", mayBeNegative: true))
            ?? Entries(usage.Dimensions, $"{path}.dimensions", (name, value) => Text(value, $"{path}.dimensions.{name}"));
    }

    private static EventError? Key(string value, string field) =>
        value.Length == 0 ? new EventError(field, "must not be empty")
        : value.Length > MaxKeyLength ? new EventError(field, $"is {value.Length} characters long; the limit is {MaxKeyLength}")
        : null;

    private static EventError? Text(string? value, string field) =>
        value is { Length: > MaxTextLength } ? new EventError(field, $"is {value.Length} characters long; the limit is {MaxTextLength}") : null;

    private static EventError? Time(DateTimeOffset timestamp, string field, DateTimeOffset now, IngestOptions options)
    {
        if (timestamp > now + options.FutureTolerance)
        {
            return new EventError(field, $"{timestamp:O} is in the future (the server's clock says {now:O}; {options.FutureTolerance.TotalMinutes:0} minutes of drift are allowed)");
        }

        return timestamp < now - options.MaximumAge
            ? new EventError(field, $"{timestamp:O} is more than {options.MaximumAge.TotalDays:0} days old")
            : null;
    }

    private static EventError? Amount(decimal? value, string field, bool mayBeNegative)
    {
        if (value is not { } number)
        {
            return null;
        }

        if (!mayBeNegative && number < 0)
        {
            return new EventError(field, $"must not be negative, not {number}");
        }

        if (Math.Abs(number) >= MaxMagnitude || number.Scale > MaxScale)
        {
            return new EventError(field, $"{number} is out of range: numbers must be below 10^18 in size, with at most {MaxScale} decimals");
        }

        return null;
    }

    private static EventError? Entries<T>(IReadOnlyDictionary<string, T>? entries, string field, Func<string, T, EventError?> check)
    {
        if (entries is null)
        {
            return null;
        }

        if (entries.Count > MaxEntries)
        {
            return new EventError(field, $"has {entries.Count} entries; the limit is {MaxEntries}");
        }

        foreach (var (name, value) in entries)
        {
            if (Key(name, $"{field} (a name)") is { } badName)
            {
                return badName;
            }

            if (check(name, value) is { } error)
            {
                return error;
            }
        }

        return null;
    }
}
