using System.Globalization;
using Tariff.Platform.Analytics;
using Tariff.Studio.Documents;

namespace Tariff.Studio.Api;

/// <summary>A new saved query: its code and draft text.</summary>
public sealed record QueryRequest(string? Code, string? Text);

/// <summary>A saved query's draft and what publishing it would refuse.</summary>
public sealed record QueryDraftResponse(SavedQuery Query, IReadOnlyList<DiagnosticResponse> Diagnostics);

/// <summary>
/// What a query measured: its range as it ran (UTC, the end excluded), the step (<c>day</c>, <c>hour</c> or null for
/// totals), the meters shown with their units, and one row per consumer, step, meter and group that had usage.
/// </summary>
public sealed record QueryResultResponse(string Name, DateTimeOffset From, DateTimeOffset To, string? Step, IReadOnlyList<QueryMeter> Meters, IReadOnlyList<QueryRow> Rows)
{
    public static QueryResultResponse Of(QueryResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(result.Name, result.Range.Start, result.Range.End, StepName(result.Step), result.Meters, result.Rows);
    }

    /// <summary>The step's name in the language.</summary>
    public static string? StepName(TimeSpan? step) => step switch
    {
        null => null,
        var hour when hour == TimeSpan.FromHours(1) => "hour",
        _ => "day",
    };

    /// <summary>The rows as CSV: consumer, step start (empty without a step), meter, group, quantity.</summary>
    public static string Csv(QueryResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var csv = new CsvWriter().Row(["consumer", "step", "meter", "group", "quantity"]);
        foreach (var row in result.Rows)
        {
            csv.Row([CsvWriter.Text(row.Consumer), row.Step?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) ?? string.Empty, row.Meter,
                CsvWriter.Text(row.Group), CsvWriter.Number(row.Quantity)]);
        }

        return csv.ToString();
    }
}
