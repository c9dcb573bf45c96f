using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Tariff.Platform.Accounts;

namespace Tariff.Studio.Authentication;

/// <summary>
/// Checks a session cookie against the user as stored now, on every request: a disabled user, or one whose roles
/// changed, is signed out at once (and signs in again to get the new roles), instead of keeping the old rights for
/// the rest of an eight-hour cookie.
/// </summary>
public static class SessionValidation
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Principal is not { } principal || principal.FindFirstValue(TariffClaimTypes.SubjectKind) != "user"
            || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            return;
        }

        var accounts = context.HttpContext.RequestServices.GetRequiredService<AccountService>();
        var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        if (!await accounts.SessionStandsAsync(PrincipalFactory.TenantOf(principal), userId, roles, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AuthenticationSchemes.Cookie);
        }
    }
}
