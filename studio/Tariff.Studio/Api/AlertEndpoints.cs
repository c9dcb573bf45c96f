using System.Security.Claims;
using Tariff.Platform.Alerts;
using Tariff.Studio.Authentication;

namespace Tariff.Studio.Api;

/// <summary>Alerts (list, read and unread, deliveries) and the webhook endpoints they are posted to.</summary>
public static class AlertEndpoints
{
    public static IEndpointRouteBuilder MapAlertApi(this IEndpointRouteBuilder endpoints)
    {
        var read = endpoints.MapGroup("/api/v1").RequireAuthorization(Policies.Api).RequireAuthorization(Policies.Studio)
            .AddEndpointFilter<CatalogProblems>().WithTags("Alerts");
        var admin = endpoints.MapGroup("/api/v1").RequireAuthorization(Policies.Api).RequireAuthorization(Policies.Admin)
            .AddEndpointFilter<CatalogProblems>().WithTags("Alerts");

        read.MapGet("/alerts", (Guid? consumerId, bool? unread, int? limit, int? offset, HttpContext context, ClaimsPrincipal user, AlertStore alerts,
            CancellationToken cancellationToken) =>
            ApiPaging.AnswerAsync(context, limit, offset, () => alerts.CountAsync(PrincipalFactory.TenantOf(user), consumerId, unread ?? false, cancellationToken),
                (skip, take) => alerts.PageAsync(PrincipalFactory.TenantOf(user), consumerId, unread ?? false, skip, take, cancellationToken)))
            .WithName("ListAlerts").Produces<List<Alert>>().ProducesValidationProblem()
            .WithSummary($"The tenant's alerts, newest first; of one consumer, and only unread ones, on request; {ApiPaging.MaxPage:N0} at most a page, with X-Total-Count and Link rel=next.");
        read.MapPost("/alerts/{id:guid}/read", (Guid id, ClaimsPrincipal user, AlertStore alerts, CancellationToken cancellationToken) =>
            MarkAsync(id, true, user, alerts, cancellationToken)).WithName("MarkAlertRead");
        read.MapPost("/alerts/{id:guid}/unread", (Guid id, ClaimsPrincipal user, AlertStore alerts, CancellationToken cancellationToken) =>
            MarkAsync(id, false, user, alerts, cancellationToken)).WithName("MarkAlertUnread");
        read.MapGet("/alerts/{id:guid}/deliveries", (Guid id, ClaimsPrincipal user, AlertStore alerts, CancellationToken cancellationToken) =>
            alerts.DeliveriesAsync(PrincipalFactory.TenantOf(user), id, cancellationToken))
            .WithName("ListAlertDeliveries").WithSummary("Where the alert was sent: each webhook and email, its status, attempts and last error.");

        admin.MapGet("/webhooks", (ClaimsPrincipal user, WebhookEndpointService webhooks, CancellationToken cancellationToken) =>
            webhooks.ListAsync(PrincipalFactory.TenantOf(user), cancellationToken)).WithName("ListWebhooks");
        admin.MapPost("/webhooks", async (WebhookRequest request, ClaimsPrincipal user, WebhookEndpointService webhooks, CancellationToken cancellationToken) =>
        {
            var (endpoint, secret) = await webhooks.CreateAsync(PrincipalFactory.TenantOf(user), request.Url, request.Description, cancellationToken);
            return Results.Created($"/api/v1/webhooks/{endpoint.Id}",
                new WebhookCreatedResponse(endpoint.Id, endpoint.Url, endpoint.Description, endpoint.Enabled, endpoint.CreatedAt, secret));
        }).WithName("CreateWebhook").WithSummary("Registers an endpoint for alerts; the answer holds its signing secret, shown this once.");
        admin.MapDelete("/webhooks/{id:guid}", async (Guid id, ClaimsPrincipal user, WebhookEndpointService webhooks, CancellationToken cancellationToken) =>
            await webhooks.DisableAsync(PrincipalFactory.TenantOf(user), id, cancellationToken) ? Results.NoContent() : Results.NotFound())
            .WithName("DisableWebhook").WithSummary("Stops deliveries to the endpoint; its past deliveries stay on record.");
        return endpoints;
    }

    private static async Task<IResult> MarkAsync(Guid id, bool read, ClaimsPrincipal user, AlertStore alerts, CancellationToken cancellationToken) =>
        await alerts.MarkAsync(PrincipalFactory.TenantOf(user), id, read, cancellationToken: cancellationToken) is { } alert
            ? Results.Ok(alert) : Results.NotFound();
}
