using Tariff.Engine.Compilation;
using Tariff.Engine.Evaluation;
using Tariff.Engine.Usage;
using Tariff.Platform.Catalog;
using Tariff.Platform.Usage;

namespace Tariff.Platform.Billing;

/// <summary>
/// Measures a consumer's usage with the meters of the plan version it is subscribed to: every event of every
/// identity mapped to the consumer (whenever the mapping was made), evaluated by the plan's compiled code. Billing
/// runs rate exactly these results; the API shows them.
/// </summary>
public sealed class ConsumerMeterReader(
    ConsumerService consumers, SubscriptionService subscriptions, PlanService plans, IUsageStore store, CompiledPlanCache compiled)
{
    /// <summary>
    /// The meters for <paramref name="consumerId"/> over <paramref name="period"/>; null when this tenant has no such
    /// consumer. The subscription is the latest one overlapping the period.
    /// </summary>
    public async Task<ConsumerMeters?> ReadAsync(Guid tenantId, Guid consumerId, UsagePeriod period, CancellationToken cancellationToken = default)
    {
        if (await consumers.FindAsync(tenantId, consumerId, cancellationToken) is not { } consumer)
        {
            return null;
        }

        var subscription = (await subscriptions.ListAsync(tenantId, consumerId, cancellationToken))
            .LastOrDefault(s => s.StartsAt < period.End && (s.EndsAt is null || s.EndsAt > period.Start))
            ?? throw new CatalogValidationException("from", $"consumer '{consumer.Code}' has no subscription between {period.Start:O} and {period.End:O}.");
        var version = await plans.FindVersionAsync(tenantId, subscription.PlanId, subscription.PlanVersion, cancellationToken)
            ?? throw new InvalidOperationException($"subscription {subscription.Id} names plan version {subscription.PlanVersion}, which does not exist.");
        return await ReadAsync(tenantId, consumer, subscription, version, period, cancellationToken);
    }

    /// <summary>The meters of <paramref name="version"/> (the subscription's) over the consumer's usage in <paramref name="period"/>.</summary>
    public async Task<ConsumerMeters> ReadAsync(Guid tenantId, Consumer consumer, Subscription subscription, PlanVersion version, UsagePeriod period,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(version);
        var plan = plans.Checked(version).Plan;
        var engine = EngineFor(tenantId, version);

        var events = await EventsAsync(tenantId, consumer, period, cancellationToken);
        var meters = new List<MeterResult>();
        for (var charge = 0; charge < plan.Charges.Count; charge++)
        {
            if (meters.All(m => m.Meter != plan.Charges[charge].Meter.Name))
            {
                meters.Add(engine.EvaluateMeter(charge, events, period));
            }
        }

        var quotas = plan.Quotas
            .Select(q => new QuotaUse(q.Meter, q.Limit, q.Kind.ToString().ToLowerInvariant(), meters.FirstOrDefault(m => m.Meter == q.Meter)?.Total))
            .ToList();
        return new ConsumerMeters(consumer, subscription, version, period, consumer.Identities, events.Count, meters, quotas);
    }

    /// <summary>Every event of every identity mapped to the consumer in <paramref name="period"/>, in time order (then source and id).</summary>
    public async Task<List<UsageEvent>> EventsAsync(Guid tenantId, Consumer consumer, UsagePeriod period, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        var events = new List<UsageEvent>();
        foreach (var identity in consumer.Identities)
        {
            events.AddRange(await store.ReadAsync(tenantId, identity, period, cancellationToken));
        }

        // Each identity's events come in time order; together they must be too (latest and time-weighted depend on it).
        events.Sort(static (a, b) => a.Timestamp != b.Timestamp ? a.Timestamp.CompareTo(b.Timestamp)
            : string.CompareOrdinal(a.Source, b.Source) is var bySource and not 0 ? bySource : string.CompareOrdinal(a.Id, b.Id));
        return events;
    }

    /// <summary>The compiled engine of a published version, shared by every reader of it.</summary>
    public IRatingEngine EngineFor(Guid tenantId, PlanVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return compiled.Get($"{tenantId:N}/{version.PlanId:N}/{version.Version}", plans.Checked(version).Plan);
    }
}
