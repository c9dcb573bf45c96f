using System.Collections.Concurrent;
using Npgsql;
using Tariff.Engine.Compilation;
using Tariff.Platform.Catalog;
using Tariff.Platform.Database;

namespace Tariff.Platform.Metering;

/// <summary>
/// Each tenant's <see cref="TenantMetering"/>, reread once it is older than <see cref="MeteringOptions.CatalogRefresh"/>.
/// Published plan versions never change, so their metering plans and compiled code are kept for good.
/// </summary>
public sealed class MeteringCatalog(
    NpgsqlDataSource dataSource, ConsumerService consumers, SubscriptionService subscriptions, PlanService plans, CompiledPlanCache compiled,
    MeteringOptions options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<Guid, (TenantMetering Metering, DateTimeOffset LoadedAt)> tenants = new();
    private readonly ConcurrentDictionary<(Guid Tenant, Guid Plan, int Version), MeteredVersion> versions = new();

    /// <summary>The tenant's metering, read again when stale or when <paramref name="fresh"/>.</summary>
    public async ValueTask<TenantMetering> GetAsync(Guid tenantId, bool fresh = false, CancellationToken cancellationToken = default)
    {
        if (!fresh && tenants.TryGetValue(tenantId, out var cached) && clock.GetUtcNow() - cached.LoadedAt < options.CatalogRefresh)
        {
            return cached.Metering;
        }

        var loadedAt = clock.GetUtcNow();
        var consumerList = await consumers.ListAsync(tenantId, cancellationToken);
        var subscriptionList = await subscriptions.ListAsync(tenantId, null, cancellationToken);
        var metered = new Dictionary<(Guid Plan, int Version), MeteredVersion>();
        foreach (var (planId, number) in subscriptionList.Select(s => (s.PlanId, s.PlanVersion)).Distinct())
        {
            metered[(planId, number)] = await VersionAsync(tenantId, planId, number, cancellationToken);
        }

        var metering = new TenantMetering(tenantId, consumerList, subscriptionList, metered, await FinalizedThroughAsync(tenantId, cancellationToken));
        tenants[tenantId] = (metering, loadedAt);
        return metering;
    }

    // Per subscription, the end of the latest period whose invoice is finalized, paid or void (read here rather than
    // through the invoice store, which depends on metering through the wallets).
    private async Task<IReadOnlyDictionary<Guid, DateTimeOffset>> FinalizedThroughAsync(Guid tenantId, CancellationToken cancellationToken) =>
        (await dataSource.ListAsync("""
            SELECT subscription_id, max(period_end) FROM invoices WHERE tenant_id = $1 AND kind = 'invoice' AND status <> 'draft' GROUP BY subscription_id
            """, r => (Subscription: r.GetGuid(0), End: r.GetFieldValue<DateTimeOffset>(1)), cancellationToken, tenantId))
        .ToDictionary(row => row.Subscription, row => row.End);

    private async Task<MeteredVersion> VersionAsync(Guid tenantId, Guid planId, int number, CancellationToken cancellationToken)
    {
        if (versions.TryGetValue((tenantId, planId, number), out var known))
        {
            return known;
        }

        var version = await plans.FindVersionAsync(tenantId, planId, number, cancellationToken)
            ?? throw new InvalidOperationException($"a subscription names version {number} of plan {planId}, which does not exist.");
        var metering = MeteringPlan.Of(plans.Checked(version));
        var engine = compiled.Get($"{tenantId:N}/{planId:N}/{number}/metering", metering.Raw);
        return versions.GetOrAdd((tenantId, planId, number), new MeteredVersion(metering, engine));
    }
}
