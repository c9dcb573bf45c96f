using System.Collections.Concurrent;
using Tariff.Engine.Compilation;
using Tariff.Platform.Catalog;

namespace Tariff.Platform.Metering;

/// <summary>
/// Each tenant's <see cref="TenantMetering"/>, reread once it is older than <see cref="MeteringOptions.CatalogRefresh"/>.
/// Published plan versions never change, so their metering plans and compiled code are kept for good.
/// </summary>
public sealed class MeteringCatalog(
    ConsumerService consumers, SubscriptionService subscriptions, PlanService plans, CompiledPlanCache compiled, MeteringOptions options,
    TimeProvider clock)
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

        var metering = new TenantMetering(tenantId, consumerList, subscriptionList, metered);
        tenants[tenantId] = (metering, loadedAt);
        return metering;
    }

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
