using System.Globalization;
using System.Security.Claims;
using Tariff.Platform.Metering;
using Tariff.Studio.Authentication;

namespace Tariff.Studio.Api;

/// <summary>Quota checks for gateways, the real-time counters of a consumer, and their reconciliation with the usage store.</summary>
public static class MeteringEndpoints
{
    public static IEndpointRouteBuilder MapMeteringApi(this IEndpointRouteBuilder endpoints)
    {
        var gateway = endpoints.MapGroup("/api/v1").RequireAuthorization(Policies.Gateway).AddEndpointFilter<CatalogProblems>().WithTags("Entitlements");
        gateway.MapPost("/entitlements/check", async (EntitlementRequest request, ClaimsPrincipal user, EntitlementService entitlements,
            CancellationToken cancellationToken) =>
            await entitlements.CheckAsync(PrincipalFactory.TenantOf(user), request.Consumer, request.Meter, request.Quantity, cancellationToken))
            .WithName("CheckEntitlement")
            .WithSummary("Whether the consumer may use this much more of the meter now: allowed, what remains of the quota, and when it resets.");
        gateway.MapGet("/entitlements/check", AuthRequestAsync)
            .WithName("CheckEntitlementForAuthRequest")
            .WithSummary("The same check for nginx auth_request: 200 when allowed, 403 when denied, the figures in X-Tariff-* headers. "
                + "Parameters in the query or in the X-Tariff-Consumer, X-Tariff-Meter and X-Tariff-Quantity headers.");

        var read = endpoints.MapGroup("/api/v1").RequireAuthorization(Policies.Api).RequireAuthorization(Policies.Studio)
            .AddEndpointFilter<CatalogProblems>().WithTags("Consumers");
        read.MapGet("/consumers/{id:guid}/usage/current", async (Guid id, ClaimsPrincipal user, MeteringCatalog catalog, UsageCounters counters,
            TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var metering = await catalog.GetAsync(PrincipalFactory.TenantOf(user), cancellationToken: cancellationToken);
            if (metering.FindConsumer(id) is not { } consumer)
            {
                return Results.NotFound();
            }

            return await counters.CurrentAsync(metering, consumer, clock.GetUtcNow(), cancellationToken) is { } usage
                ? Results.Ok(CurrentUsageResponse.Of(usage))
                : Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "No subscription in force",
                    detail: $"consumer '{consumer.Code}' has no subscription now, so nothing is being counted.");
        }).WithName("GetConsumerCurrentUsage").WithSummary("The real-time counters of the consumer's current billing period and its quotas' use.");

        endpoints.MapGroup("/api/v1").RequireAuthorization(Policies.Api).RequireAuthorization(Policies.Operations).WithTags("Usage")
            .MapPost("/usage/counters/reconcile", (ClaimsPrincipal user, CounterReconciler reconciler, CancellationToken cancellationToken) =>
                reconciler.ReconcileAsync(PrincipalFactory.TenantOf(user), cancellationToken))
            .WithName("ReconcileCounters")
            .WithSummary("Checks the real-time counters of every subscription's current and previous period against the stored events and repairs drift.");
        return endpoints;
    }

    private static async Task<IResult> AuthRequestAsync(HttpContext context, string? consumer, string? meter, string? quantity, EntitlementService entitlements)
    {
        consumer ??= context.Request.Headers["X-Tariff-Consumer"].FirstOrDefault();
        meter ??= context.Request.Headers["X-Tariff-Meter"].FirstOrDefault();
        quantity ??= context.Request.Headers["X-Tariff-Quantity"].FirstOrDefault();
        decimal? asked = null;
        if (!string.IsNullOrEmpty(quantity))
        {
            if (!decimal.TryParse(quantity, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["quantity"] = [$"'{quantity}' is not a number."] });
            }

            asked = parsed;
        }

        var decision = await entitlements.CheckAsync(PrincipalFactory.TenantOf(context.User), consumer, meter, asked, context.RequestAborted);
        var headers = context.Response.Headers;
        headers["X-Tariff-Allowed"] = decision.Allowed ? "true" : "false";
        if (decision.Limit is { } limit)
        {
            headers["X-Tariff-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
            headers["X-Tariff-Remaining"] = decision.Remaining!.Value.ToString(CultureInfo.InvariantCulture);
        }

        if (decision.ResetAt is { } reset)
        {
            headers["X-Tariff-Reset"] = reset.ToString("O", CultureInfo.InvariantCulture);
        }

        return Results.Json(decision, statusCode: decision.Allowed ? StatusCodes.Status200OK : StatusCodes.Status403Forbidden);
    }
}
