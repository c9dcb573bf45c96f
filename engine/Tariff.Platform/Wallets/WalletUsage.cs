using Npgsql;
using Tariff.Engine.Rating;
using Tariff.Platform.Billing;
using Tariff.Platform.Catalog;
using Tariff.Platform.Database;
using Tariff.Platform.Metering;

namespace Tariff.Platform.Wallets;

/// <summary>
/// What a consumer's usage will take from its wallet once invoiced: its draft invoices in the wallet's currency, and
/// its current period so far (with the period before while that has no invoice yet), rated from the real-time
/// counters with its fees and tax.
/// This is how rated usage burns credit down as it arrives, while the ledger itself changes only when an invoice
/// is finalized (an invoice is what consumes credit; a period still open may yet change).
/// </summary>
public sealed class WalletUsage(
    NpgsqlDataSource dataSource, MeteringCatalog catalog, UsageCounters counters, PlanService plans, InvoiceBuilder builder, TaxRateService taxes)
{
    public async Task<decimal> PendingAsync(Guid tenantId, Guid consumerId, string currency, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var drafts = (await dataSource.ListAsync("""
            SELECT coalesce(sum(total), 0) FROM invoices
            WHERE tenant_id = $1 AND consumer_id = $2 AND currency = $3 AND kind = 'invoice' AND status = 'draft'
            """, r => r.GetDecimal(0), cancellationToken, tenantId, consumerId, currency)).Single();
        return drafts + await OpenPeriodsAsync(tenantId, consumerId, currency, now, cancellationToken);
    }

    // The current period, and the one before it while its run has not yet made its invoice.
    private async Task<decimal> OpenPeriodsAsync(Guid tenantId, Guid consumerId, string currency, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var metering = await catalog.GetAsync(tenantId, cancellationToken: cancellationToken);
        if (metering.FindConsumer(consumerId) is not { } consumer)
        {
            return 0m;
        }

        var total = 0m;
        var instant = now;
        for (var period = 0; period < 2 && metering.SubscriptionAt(consumerId, instant) is { } subscription; period++)
        {
            var usage = await counters.UsageAtAsync(metering, consumer, subscription, instant, cancellationToken);
            total += await UninvoicedAsync(tenantId, usage, currency, cancellationToken);
            instant = usage.Period.Whole.Start.AddTicks(-1);
        }

        return total;
    }

    private async Task<decimal> UninvoicedAsync(Guid tenantId, CurrentUsage usage, string currency, CancellationToken cancellationToken)
    {
        var invoiced = await InvoicedAsync(usage.Subscription, usage.Period.Covered.Start, cancellationToken);
        if (await plans.FindVersionAsync(tenantId, usage.Subscription.PlanId, usage.Subscription.PlanVersion, cancellationToken) is not { } version
            || plans.Checked(version).Plan.Currency.Code != currency
            || invoiced.Contains(false))
        {
            return 0m;
        }

        var part = invoiced.Contains(true) ? RatedPart.InArrears : RatedPart.Whole;
        var soFar = await builder.SoFarAsync(tenantId, usage, version, part, cancellationToken);
        return InvoiceTotals.Complete(soFar, await taxes.RateForAsync(tenantId, usage.Consumer.Id, cancellationToken)).Total;
    }

    // A period's invoices count what they bill (a draft above, or already consumed when final): the one at its end
    // (false) all of the period, the one at its start (true) the fees billed in advance.
    private async Task<List<bool>> InvoicedAsync(Subscription subscription, DateTimeOffset periodStart, CancellationToken cancellationToken) =>
        await dataSource.ListAsync("SELECT in_advance FROM invoices WHERE subscription_id = $1 AND period_start = $2 AND kind = 'invoice'",
            r => r.GetBoolean(0), cancellationToken, subscription.Id, periodStart);
}
