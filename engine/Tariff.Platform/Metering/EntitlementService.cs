using System.Globalization;
using Tariff.Platform.Catalog;

namespace Tariff.Platform.Metering;

/// <summary>
/// Answers quota checks from the real-time counters: one cached catalog lookup and one indexed counter read, so a
/// gateway can ask before forwarding each request. The check does not reserve anything: the usage itself counts
/// when its event arrives.
/// </summary>
public sealed class EntitlementService(MeteringCatalog catalog, CounterStore store, TimeProvider clock)
{
    /// <summary>The most a single check may ask for.</summary>
    public const decimal MaxQuantity = 1_000_000_000_000m;

    public async Task<EntitlementDecision> CheckAsync(Guid tenantId, string? consumer, string? meter, decimal? quantity,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(consumer) || consumer.Length > 200)
        {
            throw new CatalogValidationException("consumer", "is required: the consumer's gateway identity, code or id (at most 200 characters).");
        }

        if (string.IsNullOrEmpty(meter) || meter.Length > 200)
        {
            throw new CatalogValidationException("meter", "is required: the name of a meter of the consumer's plan.");
        }

        var asked = quantity ?? 1m;
        if (asked < 0 || asked > MaxQuantity)
        {
            throw new CatalogValidationException("quantity", $"must be between 0 and {MaxQuantity:0}; it is {asked}.");
        }

        var metering = await catalog.GetAsync(tenantId, cancellationToken: cancellationToken);
        if (metering.FindConsumer(consumer) is not { } found)
        {
            return new EntitlementDecision(false, null, meter, asked, 0, null, null, null, null,
                $"no consumer is known as '{consumer}' (not a mapped gateway identity, a consumer code or an id)");
        }

        var now = clock.GetUtcNow();
        if (metering.SubscriptionAt(found.Id, now) is not { } subscription)
        {
            return new EntitlementDecision(false, found.Code, meter, asked, 0, null, null, null, null, $"consumer '{found.Code}' has no subscription in force");
        }

        var version = metering.VersionOf(subscription);
        var period = metering.PeriodOf(subscription, now);
        var index = version.Metering.IndexOf(meter);
        if (version.Metering.Plan.Quotas.FirstOrDefault(q => q.Meter == meter) is not { } quota)
        {
            return new EntitlementDecision(true, found.Code, meter, asked, 0, null, null, null, period.Whole.End,
                index < 0 ? $"plan '{version.Metering.Plan.Name}' does not meter '{meter}'" : $"plan '{version.Metering.Plan.Name}' sets no quota on '{meter}'");
        }

        var rows = await store.ReadAsync(tenantId, subscription.Id, period.Whole.Start, meter, cancellationToken);
        var used = UsageCounters.Results(version.Metering, rows)[index].Total;
        var remaining = Math.Max(0, quota.Limit - used);
        var kind = quota.Kind.ToString().ToLowerInvariant();
        var within = used + asked <= quota.Limit;
        var reason = within
            ? string.Create(CultureInfo.InvariantCulture, $"within the {kind} quota: {used} of {quota.Limit} used")
            : string.Create(CultureInfo.InvariantCulture, $"{used} of {quota.Limit} used; {asked} more exceeds the {kind} quota")
                + (kind == "soft" ? ", which allows it" : string.Empty);
        return new EntitlementDecision(within || kind == "soft", found.Code, meter, asked, used, quota.Limit, remaining, kind, period.Whole.End, reason);
    }
}
