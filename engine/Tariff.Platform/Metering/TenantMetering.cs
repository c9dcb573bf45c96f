using Tariff.Engine.Evaluation;
using Tariff.Platform.Billing;
using Tariff.Platform.Catalog;

namespace Tariff.Platform.Metering;

/// <summary>
/// One tenant's consumers, identities, subscriptions and plan versions, read at once so that counting a batch or
/// answering an entitlement check needs no catalog query.
/// </summary>
public sealed class TenantMetering
{
    private readonly Dictionary<string, Consumer> byIdentity = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Consumer> byCode = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, Consumer> byId = [];
    private readonly Dictionary<Guid, List<Subscription>> subscriptionsByConsumer = [];
    private readonly Dictionary<Guid, Subscription> subscriptionsById = [];
    private readonly Dictionary<(Guid Plan, int Version), MeteredVersion> versions;
    private readonly IReadOnlyDictionary<Guid, DateTimeOffset> finalizedThrough;

    /// <summary><paramref name="finalizedThrough"/>: per subscription, the end of the latest period whose invoice is no longer a draft.</summary>
    public TenantMetering(Guid tenantId, IReadOnlyList<Consumer> consumers, IReadOnlyList<Subscription> subscriptions,
        Dictionary<(Guid Plan, int Version), MeteredVersion> versions, IReadOnlyDictionary<Guid, DateTimeOffset> finalizedThrough)
    {
        ArgumentNullException.ThrowIfNull(consumers);
        ArgumentNullException.ThrowIfNull(subscriptions);
        TenantId = tenantId;
        this.versions = versions ?? throw new ArgumentNullException(nameof(versions));
        this.finalizedThrough = finalizedThrough ?? throw new ArgumentNullException(nameof(finalizedThrough));
        foreach (var consumer in consumers)
        {
            byId[consumer.Id] = consumer;
            byCode[consumer.Code] = consumer;
            foreach (var identity in consumer.Identities)
            {
                byIdentity[identity] = consumer;
            }
        }

        foreach (var subscription in subscriptions.OrderBy(s => s.StartsAt).ThenBy(s => s.CreatedAt))
        {
            if (!subscriptionsByConsumer.TryGetValue(subscription.ConsumerId, out var list))
            {
                subscriptionsByConsumer[subscription.ConsumerId] = list = [];
            }

            list.Add(subscription);
            subscriptionsById[subscription.Id] = subscription;
        }

        Subscriptions = [.. subscriptions];
    }

    public Guid TenantId { get; }

    /// <summary>Every subscription of the tenant.</summary>
    public IReadOnlyList<Subscription> Subscriptions { get; }

    /// <summary>The consumer a gateway identity is mapped to, or null while nobody has mapped it.</summary>
    public Consumer? ConsumerOfIdentity(string identity) => byIdentity.GetValueOrDefault(identity);

    /// <summary>A consumer named any way a caller may name it: a gateway identity, the tenant's code, or its id.</summary>
    public Consumer? FindConsumer(string reference) =>
        byIdentity.GetValueOrDefault(reference) ?? byCode.GetValueOrDefault(reference)
        ?? (Guid.TryParse(reference, out var id) ? byId.GetValueOrDefault(id) : null);

    public Consumer? FindConsumer(Guid consumerId) => byId.GetValueOrDefault(consumerId);

    public Subscription? FindSubscription(Guid subscriptionId) => subscriptionsById.GetValueOrDefault(subscriptionId);

    /// <summary>The subscription in force at <paramref name="instant"/>: the latest one started by then and not yet ended.</summary>
    public Subscription? SubscriptionAt(Guid consumerId, DateTimeOffset instant) =>
        subscriptionsByConsumer.TryGetValue(consumerId, out var list)
            ? list.LastOrDefault(s => s.StartsAt <= instant && (s.EndsAt is null || s.EndsAt > instant))
            : null;

    /// <summary>
    /// True when usage of <paramref name="identity"/> at <paramref name="instant"/> falls in a billing period whose
    /// invoice is already finalized: it can only reach the consumer as a true-up (or a credit note) now.
    /// </summary>
    public bool InFinalizedPeriod(string identity, DateTimeOffset instant) =>
        finalizedThrough.Count > 0 // called for every ingested event: a tenant with nothing finalized skips the lookups
        && ConsumerOfIdentity(identity) is { } consumer
        && SubscriptionAt(consumer.Id, instant) is { } subscription
        && finalizedThrough.TryGetValue(subscription.Id, out var end)
        && instant < end;

    /// <summary>The plan version a subscription is on, measured.</summary>
    public MeteredVersion VersionOf(Subscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return versions[(subscription.PlanId, subscription.PlanVersion)];
    }

    /// <summary>The billing period containing <paramref name="instant"/> and the part of it the subscription covers.</summary>
    public BilledPeriod PeriodOf(Subscription subscription, DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(subscription.TimeZone);
        var whole = BillingCalendar.PeriodContaining(VersionOf(subscription).Metering.Plan.Period, subscription.BillingAnchor, zone, instant);
        var start = whole.Start > subscription.StartsAt ? whole.Start : subscription.StartsAt;
        var end = subscription.EndsAt is { } ends && ends < whole.End ? ends : whole.End;
        return new BilledPeriod(whole, new UsagePeriod(start, end));
    }
}
