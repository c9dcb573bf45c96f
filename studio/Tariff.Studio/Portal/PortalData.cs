using Tariff.Platform.Alerts;
using Tariff.Platform.Billing;
using Tariff.Platform.Catalog;
using Tariff.Platform.Metering;
using Tariff.Platform.Wallets;

namespace Tariff.Studio.Portal;

/// <summary>
/// Reads what the portal shows, always for the one consumer of the signed-in login: every query here is scoped by
/// tenant and consumer, so that no address a consumer types can reach another consumer's data.
/// </summary>
public sealed class PortalData(
    ConsumerService consumers, PlanService plans, MeteringCatalog catalog, UsageCounters counters, InvoiceBuilder builder, InvoiceStore invoices,
    AlertStore alerts, WalletService wallets, TimeProvider clock)
{
    /// <summary>The overview; null when the consumer no longer exists.</summary>
    public async Task<PortalOverview?> OverviewAsync(Guid tenantId, Guid consumerId, CancellationToken cancellationToken)
    {
        if (await consumers.FindAsync(tenantId, consumerId, cancellationToken) is not { } consumer)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var metering = await catalog.GetAsync(tenantId, cancellationToken: cancellationToken);
        var usage = metering.FindConsumer(consumerId) is { } known ? await counters.CurrentAsync(metering, known, now, cancellationToken) : null;
        PlanVersion? version = null;
        (Invoice SoFar, Invoice Projected)? estimate = null;
        if (usage is not null)
        {
            version = await plans.FindVersionAsync(tenantId, usage.Subscription.PlanId, usage.Subscription.PlanVersion, cancellationToken);
            estimate = await builder.EstimateAsync(tenantId, consumer, usage.Subscription, version!, usage.Period, now, cancellationToken);
        }

        return new PortalOverview(consumer, usage, version, estimate?.SoFar, estimate?.Projected,
            await alerts.ListAsync(tenantId, consumerId, unreadOnly: false, limit: 20, cancellationToken),
            await InvoicesAsync(tenantId, consumerId, cancellationToken), await wallets.BalancesAsync(tenantId, consumerId, cancellationToken));
    }

    /// <summary>The consumer's invoices and credit notes a customer may see: every one but drafts, newest first.</summary>
    public async Task<IReadOnlyList<Invoice>> InvoicesAsync(Guid tenantId, Guid consumerId, CancellationToken cancellationToken) =>
        [.. (await invoices.ListAsync(tenantId, new InvoiceQuery(ConsumerId: consumerId), cancellationToken))
            .Where(i => i.Status != "draft").OrderByDescending(i => i.Period.Start).ThenByDescending(i => i.CreatedAt)];

    /// <summary>One of the consumer's invoices; null for another consumer's, a draft, or none, which all look the same.</summary>
    public async Task<Invoice?> InvoiceAsync(Guid tenantId, Guid consumerId, Guid invoiceId, CancellationToken cancellationToken) =>
        await invoices.FindAsync(tenantId, invoiceId, cancellationToken) is { } invoice && invoice.ConsumerId == consumerId && invoice.Status != "draft"
            ? invoice
            : null;

    /// <summary>Marks one of the consumer's alerts read; false when it is not the consumer's.</summary>
    public async Task<bool> MarkReadAsync(Guid tenantId, Guid consumerId, Guid alertId, CancellationToken cancellationToken) =>
        await alerts.MarkAsync(tenantId, alertId, read: true, consumerId, cancellationToken) is not null;
}
