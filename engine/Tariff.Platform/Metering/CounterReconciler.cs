using System.Text.Json;
using Npgsql;
using Tariff.Platform.Billing;
using Tariff.Platform.Catalog;
using Tariff.Platform.Database;

namespace Tariff.Platform.Metering;

/// <summary>
/// Checks the counters of each subscription's current and previous billing period against the usage store, repairs
/// what drifted (an instance killed between committing events and counting them, an identity mapped after its events
/// arrived), and records what it found. Each period is measured under the tenant's exclusive counter lock, so no
/// append is between its commit and its count while the store is read.
/// </summary>
public sealed class CounterReconciler(
    MeteringCatalog catalog, UsageCounters counters, CounterStore store, CounterLocks locks, NpgsqlDataSource dataSource, TimeProvider clock)
{
    public async Task<CounterReconciliation> ReconcileAsync(Guid tenantId, CancellationToken cancellationToken = default)
    {
        var startedAt = clock.GetUtcNow();
        var metering = await catalog.GetAsync(tenantId, fresh: true, cancellationToken);
        var drifts = new List<CounterDrift>();
        var periods = 0;
        foreach (var subscription in metering.Subscriptions)
        {
            var version = metering.VersionOf(subscription);
            var meters = Enumerable.Range(0, version.Metering.Meters.Count).ToList();
            foreach (var period in PeriodsToCheck(metering, subscription, startedAt))
            {
                periods++;
                await using (await locks.ExclusiveAsync(tenantId, cancellationToken))
                {
                    var computedAt = clock.GetUtcNow();
                    var expected = await counters.MeasureAsync(metering, subscription, period, meters, cancellationToken);
                    var actual = await store.ReadAsync(tenantId, subscription.Id, period.Whole.Start, cancellationToken: cancellationToken);
                    var found = Compare(subscription.Id, period.Whole.Start, expected, actual);
                    if (found.Count > 0)
                    {
                        await store.ReplaceAsync(tenantId, subscription.Id, period.Whole.Start, [.. version.Metering.Meters.Select(m => m.Name)], expected,
                            computedAt, cancellationToken);
                        drifts.AddRange(found);
                    }
                }
            }
        }

        var result = new CounterReconciliation(Guid.CreateVersion7(), startedAt, clock.GetUtcNow(), periods, drifts);
        await dataSource.ExecuteAsync("""
            INSERT INTO counter_reconciliations (id, tenant_id, started_at, finished_at, periods, drifted, details)
            VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)
            """, cancellationToken, result.Id, tenantId, result.StartedAt, result.FinishedAt, periods, drifts.Count,
            JsonSerializer.Serialize(drifts, JsonSerializerOptions.Web));
        return result;
    }

    /// <summary>The tenants with a subscription, whose counters a periodic reconciliation visits.</summary>
    public Task<List<Guid>> TenantsAsync(CancellationToken cancellationToken = default) =>
        dataSource.ListAsync("SELECT DISTINCT tenant_id FROM subscriptions", reader => reader.GetGuid(0), cancellationToken);

    // The current period, and the previous one: late events still land there until it is invoiced.
    private static IEnumerable<BilledPeriod> PeriodsToCheck(TenantMetering metering, Subscription subscription, DateTimeOffset now)
    {
        var current = metering.PeriodOf(subscription, now).Whole;
        foreach (var instant in new[] { current.Start.AddTicks(-1), current.Start })
        {
            var period = metering.PeriodOf(subscription, instant);
            if (period.Covered.Start < period.Covered.End)
            {
                yield return period;
            }
        }
    }

    private static List<CounterDrift> Compare(Guid subscriptionId, DateTimeOffset periodStart, List<CounterRow> expected, List<CounterRow> actual)
    {
        var counted = actual.ToDictionary(r => (r.Meter, r.GroupKey), r => r.Raw);
        var stored = expected.ToDictionary(r => (r.Meter, r.GroupKey), r => r.Raw);
        return [.. counted.Keys.Union(stored.Keys)
            .Where(key => counted.GetValueOrDefault(key) != stored.GetValueOrDefault(key) || counted.ContainsKey(key) != stored.ContainsKey(key))
            .OrderBy(key => key.Meter, StringComparer.Ordinal).ThenBy(key => key.GroupKey, StringComparer.Ordinal)
            .Select(key => new CounterDrift(subscriptionId, periodStart, key.Meter, key.GroupKey.Replace(CounterRow.GroupSeparator, ','),
                counted.TryGetValue(key, out var c) ? c : null, stored.TryGetValue(key, out var s) ? s : null))];
    }
}
