using System.Security.Claims;
using Tariff.Platform.Audit;

namespace Tariff.Studio.Authentication;

/// <summary>
/// The audit log's actor during a request: the signed-in person or the API key, by name and kind. Work outside a
/// request (schedules, queued billing runs) is the system's.
/// </summary>
public sealed class RequestAuditActor(IHttpContextAccessor accessor) : IAuditActor
{
    public string Name => accessor.HttpContext?.User is { Identity.IsAuthenticated: true } user
        ? $"{user.Identity.Name} ({(user.FindFirstValue(TariffClaimTypes.SubjectKind) == "api-key" ? "api key" : "user")} {user.FindFirstValue(ClaimTypes.NameIdentifier)})"
        : "system";
}
