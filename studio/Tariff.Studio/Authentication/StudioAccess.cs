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
    public static async Task<bool> CanEditPricingAsync(this IAuthorizationService authorization, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        return (await authorization.AuthorizeAsync(user, Policies.Pricing)).Succeeded;
    }

    /// <summary>True when <paramref name="user"/> meets <see cref="Policies.Operations"/>: consumers, subscriptions, billing runs, invoices.</summary>
    public static async Task<bool> CanOperateAsync(this IAuthorizationService authorization, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        return (await authorization.AuthorizeAsync(user, Policies.Operations)).Succeeded;
    }

    /// <summary>True when <paramref name="user"/> meets <see cref="Policies.Admin"/>: users, API keys, settings.</summary>
    public static async Task<bool> CanAdministerAsync(this IAuthorizationService authorization, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        return (await authorization.AuthorizeAsync(user, Policies.Admin)).Succeeded;
    }
}
