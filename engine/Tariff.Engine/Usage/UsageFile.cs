using System.Globalization;
using System.Text.Json;
using Tariff.Engine.Evaluation;

namespace Tariff.Engine.Usage;

/// <summary>
/// A usage file: <c>{"events": [...]}</c>, optionally with <c>"period": "START..END"</c> (the billing period to rate)
/// and <c>"from": "TIME"</c> (rate only what the events from then on add to the period).
/// </summary>
public sealed record UsageFile(IReadOnlyList<UsageEvent> Events, UsagePeriod? Period, DateTimeOffset? From)
{
    /// <summary>Reads a usage file; throws <see cref="UsageFormatException"/> naming the path of the first problem.</summary>
    public static UsageFile Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException exception)
        {
            throw new UsageFormatException($"$: not valid JSON ({exception.Message})", exception);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Array)
            {
                throw new UsageFormatException("$: a usage file is an object with an \"events\" array");
            }

            var list = events.EnumerateArray().Select((e, i) => UsageEventJson.Read(e, $"events[{i}]")).ToList();
            var duplicate = list.GroupBy(e => (e.Source, e.Id)).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw new UsageFormatException($"events: the id \"{duplicate.Key.Id}\" appears {duplicate.Count()} times; ids are idempotency keys and must be unique");
            }

            var period = root.TryGetProperty("period", out var periodText) ? ParsePeriod(periodText.GetString() ?? string.Empty, "period") : (UsagePeriod?)null;
            var from = root.TryGetProperty("from", out var fromText) ? ParseMoment(fromText.GetString() ?? string.Empty, "from") : (DateTimeOffset?)null;
            return new UsageFile(list, period, from);
        }
    }

    /// <summary>Reads <c>START..END</c>, each a date (midnight UTC) or a date and time with an offset.</summary>
    public static UsagePeriod ParsePeriod(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split("..");
        if (parts.Length != 2)
        {
            throw new UsageFormatException($"{path}: \"{text}\" must be START..END, such as 2026-01-01..2026-02-01");
        }

        var period = new UsagePeriod(ParseMoment(parts[0], path), ParseMoment(parts[1], path));
        return period.End > period.Start
            ? period
            : throw new UsageFormatException($"{path}: the end must come after the start");
    }

    /// <summary>Reads a date (midnight UTC) or a date and time with an offset.</summary>
    public static DateTimeOffset ParseMoment(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment)
            ? moment
            : throw new UsageFormatException($"{path}: \"{text}\" is not a date (2026-01-01) or a date and time (2026-01-01T00:00:00Z)");
    }

    /// <summary>The smallest period holding every event: from the first to just after the last.</summary>
    public static UsagePeriod Covering(IReadOnlyList<UsageEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            var epoch = DateTimeOffset.UnixEpoch;
            return new UsagePeriod(epoch, epoch.AddTicks(1));
        }

        return new UsagePeriod(events.Min(e => e.Timestamp), events.Max(e => e.Timestamp).AddTicks(1));
    }
}
