using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using System.Security.Claims;
using Tariff.Platform.Billing;
using Tariff.Platform.Catalog;
using Tariff.Studio.Authentication;
using Tariff.Studio.Components.Pages.Billing;

namespace Tariff.Studio.Components.Fragments;

/// <summary>Endpoints that return HTML fragments for htmx to swap into studio pages.</summary>
public static class FragmentEndpoints
{
    public static IEndpointRouteBuilder MapFragments(this IEndpointRouteBuilder endpoints)
    {
        var fragments = endpoints.MapGroup("/fragments").RequireAuthorization(Policies.Studio).ExcludeFromDescription();
        fragments.MapGet("/status", Status);
        fragments.MapGet("/billing-runs/{id:guid}", BillingRunAsync);
        return endpoints;
    }

    private static async Task<IResult> BillingRunAsync(Guid id, ClaimsPrincipal user, BillingRunStore runs, ConsumerService consumers,
        CancellationToken cancellationToken)
    {
        var tenant = PrincipalFactory.TenantOf(user);
        if (await runs.FindAsync(tenant, id, cancellationToken) is not { } run)
        {
            return Results.NotFound();
        }

        var names = (await consumers.ListAsync(tenant, cancellationToken)).ToDictionary(c => c.Id);
        return new RazorComponentResult<BillingRunPanel>(new { Run = run, Consumers = names });
    }

    private static async Task<RazorComponentResult<StatusPanel>> Status(HealthCheckService health, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(cancellationToken);
        return new RazorComponentResult<StatusPanel>(new { Report = report });
    }
}
