using System.Security.Claims;
using Tariff.Platform.Audit;
using Tariff.Studio.Authentication;

namespace Tariff.Studio.Api;

/// <summary>The audit log: <c>GET /api/v1/audit</c>, newest first, paged with <c>before</c> (an entry's id).</summary>
public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api/v1").RequireAuthorization(Policies.Api).RequireAuthorization(Policies.Studio).WithTags("Audit")
            .MapGet("/audit", (string? entity, string? entityId, string? actor, long? before, int? limit, ClaimsPrincipal user, AuditLog audit,
                CancellationToken cancellationToken) =>
                audit.ListAsync(PrincipalFactory.TenantOf(user), new AuditQuery(entity, entityId, actor, before, Math.Clamp(limit ?? 50, 1, 500)), cancellationToken))
            .WithName("ListAuditEntries")
            .WithSummary("Every change: who, what, when, and the thing before and after; filter by entity (and id) or actor.");
        return endpoints;
    }
}
