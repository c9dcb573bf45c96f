using System.Globalization;
using Tariff.Platform.Usage;
using Tariff.Studio.Authentication;

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
        return endpoints;
    }

    private static async Task<IResult> SummarizeAsync(HttpContext context, IUsageStore store, string? from, string? to, string? consumer, string? groupBy)
    {
        var errors = new Dictionary<string, string[]>();
        var start = Instant(from, "from", errors);
        var end = Instant(to, "to", errors);
        if (start is { } a && end is { } b && (b <= a || b - a > MaxRange))
        {
            errors["to"] = [$"must be after 'from' and at most {MaxRange.TotalDays:0} days later"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = new UsageSummaryQuery(start!.Value, end!.Value, NullIfEmpty(consumer), NullIfEmpty(groupBy));
        var rows = await store.SummarizeAsync(PrincipalFactory.TenantOf(context.User), query, context.RequestAborted);
        return TypedResults.Ok(new UsageSummaryResponse(query.From, query.To, query.GroupBy, rows));
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
