using System.Security.Claims;
using Tariff.Platform.Accounts;

namespace Tariff.Studio.Authentication;

/// <summary>What a signed-in person may do, asked by pages that show or hide a command (the endpoints enforce it again).</summary>
public static class StudioAccess
{
    /// <summary>Admins and analysts change pricing: drafts, publication, rollback (<see cref="Policies.Pricing"/>).</summary>
    public static bool CanEditPricing(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Analyst);
    }
}
