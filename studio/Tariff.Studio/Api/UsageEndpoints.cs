using System.Globalization;
using System.Text;
using Tariff.Engine.Evaluation;
using Tariff.Platform.Catalog;
using Tariff.Platform.Usage;
using Tariff.Studio.Analytics;
using Tariff.Studio.Authentication;
using Tariff.Studio.Documents;

namespace Tariff.Studio.Api;

/// <summary>Reading usage: <c>GET /api/v1/usage/summary</c>.</summary>
public static class UsageEndpoints
{
    /// <summary>The longest range one summary may cover.</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(400);

    public static IEndpointRouteBuilder MapUsageApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api/v1").RequireAuthorization(Policies.Api).RequireAuthorization(Policies.Studio).WithTags("Usage")
            .MapGet("/usage/summary", SummarizeAsync)
            .WithName("SummarizeUsage")
            .WithSummary("Events and the sum of each measure per consumer (and per dimension value with groupBy) in [from, to).");
        endpoints.MapGroup("/api/v1").RequireAuthorization(Policies.Api).RequireAuthorization(Policies.Studio).WithTags("Usage")
            .MapGet("/usage/identities", IdentitiesAsync)
            .WithName("ListUsageIdentities")
            .WithSummary("Every gateway identity with events in [from, to), its consumer when mapped; unmapped=true keeps only the unmapped ones.");
        endpoints.MapGroup("/api/v1").RequireAuthorization(Policies.Api).RequireAuthorization(Policies.Studio).WithTags("Usage")
            .MapGet("/usage/explore.csv", ExploreCsvAsync)
            .WithName("ExportUsageTotals")
            .WithSummary("The usage explorer's totals as CSV: per gateway identity (and dimension value with groupBy), its consumer, events and each measure.");
        return endpoints;
    }

    private static async Task<IResult> ExploreCsvAsync(HttpContext context, UsageExplorer explorer, ConsumerService consumers, TimeProvider clock, string? from,
        string? to, string? consumer, string? identity, string? groupBy)
    {
        // The export has no chart: any valid step will do, and a day is valid for every range the explorer allows.
        var filter = UsageFilter.Parse(from, to, null, identity, groupBy, "day", clock.GetUtcNow(), out var errors);
        var tenant = PrincipalFactory.TenantOf(context.User);
        (filter, _) = await filter.ForConsumerAsync(consumers, tenant, consumer, errors, context.RequestAborted);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var totals = await explorer.TotalsAsync(tenant, filter, context.RequestAborted);
        var csv = new CsvWriter().Row(["identity", "consumer", .. filter.GroupBy is { } group ? [group] : Array.Empty<string>(), "events", .. totals.Measures]);
        foreach (var row in totals.Rows)
        {
            csv.Row([
                CsvWriter.Text(row.Consumer), CsvWriter.Text(totals.Owners.GetValueOrDefault(row.Consumer)?.Code),
                .. filter.GroupBy is null ? Array.Empty<string>() : [CsvWriter.Text(row.Group)],
                row.Events.ToString(CultureInfo.InvariantCulture), .. totals.Measures.Select(m => CsvWriter.Number(row.Measures.GetValueOrDefault(m))),
            ]);
        }

        return Results.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", $"usage-{filter.From:yyyyMMdd}-{filter.To:yyyyMMdd}.csv");
    }

    /// <summary>Reads the <c>from</c> and <c>to</c> query values: ISO 8601 instants, to after from, at most <see cref="MaxRange"/> apart.</summary>
    internal static bool TryRange(string? from, string? to, out UsagePeriodRange range, out Dictionary<string, string[]> errors)
    {
        errors = [];
        var start = Instant(from, "from", errors);
        var end = Instant(to, "to", errors);
        if (start is { } a && end is { } b && (b <= a || b - a > MaxRange))
        {
            errors["to"] = [$"must be after 'from' and at most {MaxRange.TotalDays:0} days later"];
        }

        range = errors.Count == 0 ? new UsagePeriodRange(start!.Value, end!.Value) : default;
        return errors.Count == 0;
    }

    private static async Task<IResult> SummarizeAsync(HttpContext context, IUsageStore store, string? from, string? to, string? consumer, string? groupBy)
    {
        if (!TryRange(from, to, out var range, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = new UsageSummaryQuery(range.From, range.To, NullIfEmpty(consumer), NullIfEmpty(groupBy));
        var rows = await store.SummarizeAsync(PrincipalFactory.TenantOf(context.User), query, context.RequestAborted);
        return TypedResults.Ok(new UsageSummaryResponse(query.From, query.To, query.GroupBy, rows));
    }

    private static async Task<IResult> IdentitiesAsync(HttpContext context, GatewayIdentities gateway, string? from, string? to, bool? unmapped)
    {
        if (!TryRange(from, to, out var range, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }

        var identities = await gateway.SeenAsync(PrincipalFactory.TenantOf(context.User), new UsagePeriod(range.From, range.To), context.RequestAborted);
        return TypedResults.Ok(identities.Where(i => unmapped != true || i.ConsumerId is null).ToList());
    }

    private static DateTimeOffset? Instant(string? text, string name, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors[name] = ["is required: an ISO 8601 date or date and time, such as 2026-01-01 or 2026-01-01T00:00:00Z"];
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            return instant;
        }

        errors[name] = [$"'{text}' is not an ISO 8601 date or date and time"];
        return null;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

/// <summary>The answer of <c>GET /api/v1/usage/summary</c>.</summary>
public sealed record UsageSummaryResponse(DateTimeOffset From, DateTimeOffset To, string? GroupBy, IReadOnlyList<UsageSummaryRow> Rows);

/// <summary>A validated <c>[From, To)</c> from query values.</summary>
public readonly record struct UsagePeriodRange(DateTimeOffset From, DateTimeOffset To);
