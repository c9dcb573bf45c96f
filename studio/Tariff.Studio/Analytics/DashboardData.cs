using Tariff.Engine.Evaluation;
using Tariff.Platform.Alerts;
using Tariff.Platform.Billing;
using Tariff.Platform.Catalog;
using Tariff.Platform.Ingest;
using Tariff.Platform.Usage;

namespace Tariff.Studio.Analytics;

/// <summary>Gathers the dashboard's figures from the services that own them; nothing here is stored twice.</summary>
public sealed class DashboardData(
    InvoiceStore invoices, IUsageStore usage, GatewayIdentities gateway, ConsumerService consumers, AlertStore alerts, IngestStatistics ingest,
    TimeProvider clock)
{
    public async Task<DashboardView> LoadAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var tomorrow = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        var monthStart = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-11);
        var thirtyDays = new UsagePeriod(tomorrow.AddDays(-30), tomorrow);

        var billed = (await invoices.ListAsync(tenantId, new InvoiceQuery(From: monthStart), cancellationToken))
            .Where(i => i.Status is "finalized" or "paid" && i.Period.Start >= monthStart)
            .GroupBy(i => (Month: new DateTimeOffset(i.Period.Start.Year, i.Period.Start.Month, 1, 0, 0, 0, TimeSpan.Zero), i.Currency))
            .Select(g => (g.Key.Month, g.Key.Currency, Amount: g.Sum(i => i.Subtotal)))
            .OrderBy(r => r.Month).ThenBy(r => r.Currency, StringComparer.Ordinal).ToList();

        var days = await usage.TimelineAsync(tenantId, new UsageTimelineQuery(thirtyDays.Start, thirtyDays.End, TimeSpan.FromDays(1)), cancellationToken);
        var identities = await gateway.SeenAsync(tenantId, thirtyDays, cancellationToken);
        var busiest = identities.Where(i => i.ConsumerId is not null)
            .GroupBy(i => i.ConsumerId!.Value)
            .Select(g => (ConsumerId: g.Key, Events: g.Sum(i => i.Events)))
            .OrderByDescending(t => t.Events).Take(5).ToList();
        var byId = await consumers.FindManyAsync(tenantId, busiest.Select(t => t.ConsumerId), cancellationToken);
        var top = busiest.Select(t => (Consumer: byId[t.ConsumerId], t.Events)).ToList();

        return new DashboardView(
            billed,
            [.. days.Select(d => (d.Start, d.Events))],
            top,
            await alerts.ListAsync(tenantId, null, unreadOnly: true, limit: 10, cancellationToken),
            await ingest.MinutesAsync(tenantId, now.AddHours(-1), now.AddMinutes(1), cancellationToken),
            identities.Count(i => i.ConsumerId is null),
            now);
    }
}
