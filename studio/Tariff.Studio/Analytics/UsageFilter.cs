using System.Globalization;
using Tariff.Studio.Api;

namespace Tariff.Studio.Analytics;

/// <summary>What the usage explorer shows: a range, one consumer (all its identities) or one gateway identity, a dimension to split by, a step for the chart.</summary>
/// <remarks><c>Step</c> is <c>hour</c> or <c>day</c>.</remarks>
public sealed record UsageFilter(DateTimeOffset From, DateTimeOffset To, Guid? ConsumerId, string? Identity, string? GroupBy, string Step)
{
    /// <summary>The gateway identities of the consumer chosen by <see cref="ForConsumerAsync"/>, whose usage the filter adds up.</summary>
    public IReadOnlyList<string> ConsumerIdentities { get; init; } = [];

    /// <summary>The step's length.</summary>
    public TimeSpan StepLength => Step == "hour" ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1);

    /// <summary>
    /// Reads the explorer's query values. Empty dates mean the last 30 whole days (today included); an empty step
    /// means hours for three days or less and days beyond. Errors name the query value.
    /// </summary>
    public static UsageFilter Parse(string? from, string? to, Guid? consumerId, string? identity, string? groupBy, string? step, DateTimeOffset now,
        out Dictionary<string, string[]> errors)
    {
        var tomorrow = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        if (string.IsNullOrWhiteSpace(from) && string.IsNullOrWhiteSpace(to))
        {
            (from, to) = (tomorrow.AddDays(-30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), tomorrow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        UsageEndpoints.TryRange(from, to, out var range, out errors);
        var (start, end) = errors.Count == 0 ? (range.From, range.To) : (tomorrow.AddDays(-30), tomorrow);
        if (step is not (null or "" or "hour" or "day"))
        {
            errors["step"] = [$"'{step}' is not a step; use hour or day."];
        }

        var chosen = step is "hour" or "day" ? step : (end - start <= TimeSpan.FromDays(3) ? "hour" : "day");
        var filter = new UsageFilter(start, end, consumerId, Blank(identity), Blank(groupBy), chosen);
        if (errors.Count == 0 && filter.Timeline(null).Problem() is { } problem)
        {
            errors["step"] = [problem];
        }

        return filter;
    }

    /// <summary>
    /// This filter for the consumer <paramref name="typed"/> names in the tenant: by code, or by id (older links), with
    /// the consumer found. A name no consumer has is an error under <c>consumer</c>, and the filter stays as it was.
    /// </summary>
    public async Task<(UsageFilter Filter, Platform.Catalog.Consumer? Chosen)> ForConsumerAsync(Platform.Catalog.ConsumerService consumers, Guid tenantId,
        string? typed, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consumers);
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(typed))
        {
            return (this, null);
        }

        if (await Components.Common.ConsumerCodes.FindAsync(consumers, tenantId, typed, cancellationToken) is { } chosen)
        {
            return (this with { ConsumerId = chosen.Id, ConsumerIdentities = chosen.Identities }, chosen);
        }

        errors["consumer"] = [$"No consumer has the code '{typed.Trim()}'."];
        return (this, null);
    }

    /// <summary>The store's timeline query for one identity (or every one when null).</summary>
    public Platform.Usage.UsageTimelineQuery Timeline(string? identity) => new(From, To, StepLength, identity);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
