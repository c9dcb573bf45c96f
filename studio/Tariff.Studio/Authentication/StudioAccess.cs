using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Tariff.Studio.Authentication;

/// <summary>
/// What a signed-in person may do, asked by pages that show or hide a command. It asks the same policy the endpoints
/// enforce, so that a page and its endpoint can never disagree about a role.
/// </summary>
public static class StudioAccess
{
    /// <summary>True when <paramref name="user"/> meets <see cref="Policies.Pricing"/>: drafts, publication, rollback.</summary>
    public static Task<bool> CanEditPricingAsync(this IAuthorizationService authorization, ClaimsPrincipal user) => MeetsAsync(authorization, user, Policies.Pricing);

    /// <summary>True when <paramref name="user"/> meets <see cref="Policies.Operations"/>: consumers, subscriptions, billing runs, invoices.</summary>
    public static Task<bool> CanOperateAsync(this IAuthorizationService authorization, ClaimsPrincipal user) => MeetsAsync(authorization, user, Policies.Operations);

    /// <summary>True when <paramref name="user"/> meets <see cref="Policies.Ingest"/>: sending usage.</summary>
    public static Task<bool> CanIngestAsync(this IAuthorizationService authorization, ClaimsPrincipal user) => MeetsAsync(authorization, user, Policies.Ingest);

    private static async Task<bool> MeetsAsync(IAuthorizationService authorization, ClaimsPrincipal user, string policy)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        return (await authorization.AuthorizeAsync(user, policy)).Succeeded;
    }
}
