using System.Security.Claims;
using Tariff.Studio.Authentication;

namespace Tariff.Studio.Api;

/// <summary>The REST API under <c>/api/v1</c>: tenant-scoped, authenticated by API key or the studio's cookie.</summary>
public static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapTariffApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").RequireAuthorization(Policies.Api).WithTags("Tariff API");

        api.MapGet("/me", Me)
            .WithName("GetCurrentCaller")
            .WithSummary("Who the caller is: tenant, user or API key, and roles.");
        return endpoints;
    }

    private static MeResponse Me(ClaimsPrincipal user) => new(
        user.FindFirstValue(TariffClaimTypes.TenantSlug) ?? string.Empty,
        PrincipalFactory.TenantOf(user),
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty,
        user.Identity?.Name ?? string.Empty,
        user.FindFirstValue(TariffClaimTypes.SubjectKind) ?? string.Empty,
        [.. user.FindAll(ClaimTypes.Role).Select(c => c.Value)]);
}
