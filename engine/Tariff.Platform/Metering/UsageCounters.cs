using System.Collections.Concurrent;
using Tariff.Engine.Evaluation;
using Tariff.Engine.Usage;
using Tariff.Platform.Billing;
using Tariff.Platform.Catalog;

namespace Tariff.Platform.Metering;

/// <summary>
/// Running totals per subscription, billing period, meter and group, updated as events are accepted, so that quotas,
/// prepaid credit and alerts act within a second of the usage. Counts, sums, maxima and minima are merged batch by
/// batch; the other meters are recomputed from the store shortly after (<see cref="RecomputePendingAsync"/>).
/// Measured by the same compiled code as billing, on the same events, so the two agree; a
/// <see cref="CounterReconciler"/> finds and repairs any drift (an instance that died between commit and count).
/// </summary>
public sealed class UsageCounters(MeteringCatalog catalog, CounterStore store, ConsumerMeterReader reader, TimeProvider clock)
{
    private readonly ConcurrentDictionary<(Guid Tenant, Guid Subscription, DateTimeOffset PeriodStart), byte> pending = new();

    /// <summary>Counts events the usage store has just accepted (each once); returns the subscription periods they touched.</summary>
    public async Task<IReadOnlyList<CounterBucket>> CountAsync(TenantMetering metering, IReadOnlyList<UsageEvent> accepted,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metering);
        ArgumentNullException.ThrowIfNull(accepted);
        var tenantId = metering.TenantId;
        if (metering.Subscriptions.Count == 0 || accepted.Count == 0)
        {
            return [];
        }

        var buckets = new Dictionary<(Guid, DateTimeOffset), CounterBucket>();
        var lastPeriod = new Dictionary<Guid, BilledPeriod>();
        foreach (var usage in accepted)
        {
            if (metering.ConsumerOfIdentity(usage.Consumer) is not { } consumer
                || metering.SubscriptionAt(consumer.Id, usage.Timestamp) is not { } subscription)
            {
                continue;
            }

            // A batch's events mostly fall in one period: the calendar (and its time zone) is consulted once per change.
            if (!lastPeriod.TryGetValue(subscription.Id, out var period) || !period.Whole.Contains(usage.Timestamp))
            {
                lastPeriod[subscription.Id] = period = metering.PeriodOf(subscription, usage.Timestamp);
            }

            if (!buckets.TryGetValue((subscription.Id, period.Whole.Start), out var bucket))
            {
                buckets[(subscription.Id, period.Whole.Start)] = bucket = new CounterBucket(subscription, period, []);
            }

            bucket.Events.Add(usage);
        }

        var rows = new List<CounterRow>();
        foreach (var bucket in buckets.Values)
        {
            var version = metering.VersionOf(bucket.Subscription);
            for (var meter = 0; meter < version.Metering.Meters.Count; meter++)
            {
                if (version.Metering.Mergeable(meter))
                {
                    rows.AddRange(Rows(version, meter, bucket, version.Engine.EvaluateMeter(meter, bucket.Events, bucket.Period.Covered)));
                }
                else
                {
                    pending[(tenantId, bucket.Subscription.Id, bucket.Period.Whole.Start)] = 0;
                }
            }
        }

        await store.MergeAsync(tenantId, rows, cancellationToken);
        return [.. buckets.Values];
    }

    /// <summary>
    /// Recomputes, from the store, the meters that cannot be merged (unique, latest, time-weighted) of every period
    /// counted since the last call; returns those periods.
    /// </summary>
    public async Task<IReadOnlyList<(Guid TenantId, CounterBucket Bucket)>> RecomputePendingAsync(CancellationToken cancellationToken = default)
    {
        var done = new List<(Guid, CounterBucket)>();
        foreach (var key in pending.Keys)
        {
            pending.TryRemove(key, out _);
            try
            {
                if (await RecomputeAsync(key.Tenant, key.Subscription, key.PeriodStart, cancellationToken) is { } bucket)
                {
                    done.Add((key.Tenant, bucket));
                }
            }
            catch
            {
                // Tried again on the next pass.
                pending[key] = 0;
                throw;
            }
        }

        return done;
    }

    private async Task<CounterBucket?> RecomputeAsync(Guid tenantId, Guid subscriptionId, DateTimeOffset periodStart, CancellationToken cancellationToken)
    {
        var metering = await catalog.GetAsync(tenantId, cancellationToken: cancellationToken);
        if (metering.FindSubscription(subscriptionId) is not { } subscription)
        {
            return null;
        }

        var period = metering.PeriodOf(subscription, periodStart);
        var version = metering.VersionOf(subscription);
        var meters = Enumerable.Range(0, version.Metering.Meters.Count).Where(m => !version.Metering.Mergeable(m)).ToList();
        var computedAt = clock.GetUtcNow();
        var rows = await MeasureAsync(metering, subscription, period, meters, cancellationToken);
        await store.ReplaceAsync(tenantId, subscription.Id, period.Whole.Start, [.. meters.Select(m => version.Metering.Meters[m].Name)], rows,
            computedAt, cancellationToken);
        return new CounterBucket(subscription, period, []);
    }

    /// <summary>The counters <paramref name="meters"/> should hold for one subscription and period, measured from the store.</summary>
    public async Task<List<CounterRow>> MeasureAsync(TenantMetering metering, Subscription subscription, BilledPeriod period, IReadOnlyList<int> meters,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metering);
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(meters);
        var consumer = metering.FindConsumer(subscription.ConsumerId)
            ?? throw new InvalidOperationException($"subscription {subscription.Id} names consumer {subscription.ConsumerId}, which does not exist.");
        var events = await reader.EventsAsync(metering.TenantId, consumer, period.Covered, cancellationToken);
        var version = metering.VersionOf(subscription);
        var bucket = new CounterBucket(subscription, period, events);
        return [.. meters.SelectMany(m => Rows(version, m, bucket, version.Engine.EvaluateMeter(m, events, period.Covered)))];
    }

    /// <summary>The consumer's usage so far in the period containing <paramref name="instant"/>; null without a subscription then.</summary>
    public async Task<CurrentUsage?> CurrentAsync(TenantMetering metering, Consumer consumer, DateTimeOffset instant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metering);
        ArgumentNullException.ThrowIfNull(consumer);
        return metering.SubscriptionAt(consumer.Id, instant) is { } subscription
            ? await UsageAtAsync(metering, consumer, subscription, instant, cancellationToken)
            : null;
    }

    /// <summary>The subscription's usage so far in its billing period containing <paramref name="instant"/>.</summary>
    public async Task<CurrentUsage> UsageAtAsync(TenantMetering metering, Consumer consumer, Subscription subscription, DateTimeOffset instant,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metering);
        ArgumentNullException.ThrowIfNull(consumer);
        ArgumentNullException.ThrowIfNull(subscription);
        var period = metering.PeriodOf(subscription, instant);
        var version = metering.VersionOf(subscription);
        var rows = await store.ReadAsync(metering.TenantId, subscription.Id, period.Whole.Start, cancellationToken: cancellationToken);
        return new CurrentUsage(consumer, subscription, version, period, Results(version.Metering, rows));
    }

    /// <summary>Counter rows as meter results: each group's aggregate converted and rounded as its meter says.</summary>
    public static IReadOnlyList<MeterResult> Results(MeteringPlan metering, IReadOnlyList<CounterRow> rows)
    {
        ArgumentNullException.ThrowIfNull(metering);
        ArgumentNullException.ThrowIfNull(rows);
        var results = new List<MeterResult>(metering.Meters.Count);
        for (var m = 0; m < metering.Meters.Count; m++)
        {
            var meter = metering.Meters[m];
            var groups = rows.Where(r => r.Meter == meter.Name)
                .OrderBy(r => r.GroupKey, StringComparer.Ordinal)
                .Select(r => new MeterGroup(meter.GroupBy.Count == 0 ? [] : r.GroupKey.Split(CounterRow.GroupSeparator), metering.Quantity(m, r.Raw), []))
                .ToList();
            results.Add(new MeterResult(meter.Name, groups));
        }

        return results;
    }

    private static IEnumerable<CounterRow> Rows(MeteredVersion version, int meter, CounterBucket bucket, MeterResult result)
    {
        var merge = version.Metering.MergeOf(meter);
        return result.Groups.Select(g => new CounterRow(bucket.Subscription.Id, bucket.Period.Whole.Start, bucket.Period.Whole.End, result.Meter,
            string.Join(CounterRow.GroupSeparator, g.GroupValues), g.Quantity, merge));
    }
}
