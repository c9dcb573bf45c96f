using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tariff.Studio.Authentication;

namespace Tariff.Studio.Components.Fragments;

/// <summary>Endpoints that return HTML fragments for htmx to swap into studio pages.</summary>
public static class FragmentEndpoints
{
    public static IEndpointRouteBuilder MapFragments(this IEndpointRouteBuilder endpoints)
    {
        var fragments = endpoints.MapGroup("/fragments").RequireAuthorization(Policies.Studio).ExcludeFromDescription();
        fragments.MapGet("/status", Status);
        return endpoints;
    }

    private static async Task<RazorComponentResult<StatusPanel>> Status(HealthCheckService health, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(cancellationToken);
        return new RazorComponentResult<StatusPanel>(new { Report = report });
    }
}
