using System.Globalization;
using System.Text.Json;
using Tariff.Engine.Evaluation;
using Tariff.Engine.Usage;
using Tariff.Studio.Documents;
using static Tariff.Studio.Documents.CsvWriter;

namespace Tariff.Studio.Portal;

/// <summary>
/// A consumer's events for its own systems: JSON in the usage-file form (<c>{"period", "events"}</c>, which
/// <c>tariff rate</c> and the editor's "try it" read back), or CSV with one column per field, measure and dimension.
/// </summary>
public static class UsageExport
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly string[] Fields =
        ["id", "timestamp", "source", "consumer", "product", "route", "path", "method", "status", "latency_ms", "request_bytes", "response_bytes"];

    public static string ToJson(IReadOnlyList<UsageEvent> events, UsagePeriod period) =>
        JsonSerializer.Serialize(new { period = $"{period.Start:O}..{period.End:O}", events }, Json);

    public static string ToCsv(IReadOnlyList<UsageEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var measures = events.SelectMany(e => e.Measures?.Keys ?? []).Distinct().Order(StringComparer.Ordinal).ToList();
        var dimensions = events.SelectMany(e => e.Dimensions?.Keys ?? []).Distinct().Order(StringComparer.Ordinal).ToList();
        var csv = new CsvWriter();
        csv.Row([.. Fields, .. measures.Select(m => $"measures.{m}"), .. dimensions.Select(d => $"dimensions.{d}")]);
        foreach (var e in events)
        {
            csv.Row([
                Text(e.Id), e.Timestamp.ToString("O", CultureInfo.InvariantCulture), Text(e.Source), Text(e.Consumer), Text(e.Product), Text(e.Route),
                Text(e.Path), Text(e.Method), Number(e.Status), Number(e.LatencyMs), Number(e.RequestBytes), Number(e.ResponseBytes),
                .. measures.Select(m => e.Measures?.TryGetValue(m, out var value) == true ? Number(value) : string.Empty),
                .. dimensions.Select(d => Text(e.Dimensions?.GetValueOrDefault(d))),
            ]);
        }

        return csv.ToString();
    }
}
