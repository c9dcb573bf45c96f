using System.Security.Claims;
using Tariff.Engine.Evaluation;
using Tariff.Platform.Billing;
using Tariff.Platform.Catalog;
using Tariff.Platform.Metering;
using Tariff.Studio.Api;
using Tariff.Studio.Authentication;
using Tariff.Studio.Documents;

namespace Tariff.Studio.Portal;

/// <summary>The portal's downloads: an invoice as HTML or PDF, and the consumer's usage as CSV or JSON. Each is scoped to the login's consumer.</summary>
public static class PortalEndpoints
{
    public static IEndpointRouteBuilder MapPortal(this IEndpointRouteBuilder endpoints)
    {
        var portal = endpoints.MapGroup("/portal").RequireAuthorization(Policies.Portal).ExcludeFromDescription();
        portal.MapGet("/invoices/{id:guid}/html", async (Guid id, ClaimsPrincipal user, PortalData data, InvoiceStore invoices, ConsumerService consumers,
            CancellationToken cancellationToken) =>
            await OwnHtmlAsync(id, user, data, invoices, consumers, cancellationToken) is { } html ? Results.Content(html, "text/html; charset=utf-8") : Results.NotFound());
        portal.MapGet("/invoices/{id:guid}/pdf", async (Guid id, ClaimsPrincipal user, PortalData data, InvoiceStore invoices, ConsumerService consumers,
            ChromiumPdf chromium, CancellationToken cancellationToken) =>
            await OwnHtmlAsync(id, user, data, invoices, consumers, cancellationToken) is { } html
                ? await BillingEndpoints.PrintedAsync(html, id, chromium, cancellationToken)
                : Results.NotFound());
        portal.MapGet("/usage.{format:regex(^(csv|json)$)}", ExportAsync);
        return endpoints;
    }

    private static async Task<string?> OwnHtmlAsync(Guid id, ClaimsPrincipal user, PortalData data, InvoiceStore invoices, ConsumerService consumers,
        CancellationToken cancellationToken)
    {
        var tenant = PrincipalFactory.TenantOf(user);
        return await data.InvoiceAsync(tenant, PrincipalFactory.ConsumerOf(user), id, cancellationToken) is null
            ? null
            : await BillingEndpoints.RenderAsync(tenant, id, invoices, consumers, cancellationToken);
    }

    // Without a range, the current billing period so far (or the last 30 days when no subscription is in force).
    private static async Task<IResult> ExportAsync(string format, string? from, string? to, ClaimsPrincipal user, ConsumerService consumers,
        ConsumerMeterReader reader, MeteringCatalog catalog, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (tenant, consumerId) = (PrincipalFactory.TenantOf(user), PrincipalFactory.ConsumerOf(user));
        if (await consumers.FindAsync(tenant, consumerId, cancellationToken) is not { } consumer)
        {
            return Results.NotFound();
        }

        UsagePeriod period;
        if (from is null && to is null)
        {
            var now = clock.GetUtcNow();
            var metering = await catalog.GetAsync(tenant, cancellationToken: cancellationToken);
            period = metering.SubscriptionAt(consumerId, now) is { } subscription
                ? metering.PeriodOf(subscription, now).Whole
                : new UsagePeriod(now.AddDays(-30), now);
        }
        else if (UsageEndpoints.TryRange(from, to, out var range, out var errors))
        {
            period = new UsagePeriod(range.From, range.To);
        }
        else
        {
            return Results.ValidationProblem(errors);
        }

        var events = await reader.EventsAsync(tenant, consumer, period, cancellationToken);
        var name = $"usage-{consumer.Code}-{period.Start:yyyyMMdd}-{period.End:yyyyMMdd}";
        return format == "csv"
            ? Results.File(System.Text.Encoding.UTF8.GetBytes(UsageExport.ToCsv(events)), "text/csv; charset=utf-8", $"{name}.csv")
            : Results.File(System.Text.Encoding.UTF8.GetBytes(UsageExport.ToJson(events, period)), "application/json", $"{name}.json");
    }
}
