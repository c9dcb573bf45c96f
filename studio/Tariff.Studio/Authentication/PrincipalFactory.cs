using System.Globalization;
using System.Security.Claims;
using Tariff.Platform.Accounts;

namespace Tariff.Studio.Authentication;

/// <summary>Turns a checked account into the claims both schemes carry, so that the rest of the app sees one shape.</summary>
public static class PrincipalFactory
{
    /// <summary>Builds a principal for the given authentication scheme.</summary>
    public static ClaimsPrincipal Create(AccountPrincipal account, string scheme)
    {
        ArgumentNullException.ThrowIfNull(account);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, account.SubjectId.ToString()),
            new(ClaimTypes.Name, account.Name),
            new(TariffClaimTypes.TenantId, account.TenantId.ToString()),
            new(TariffClaimTypes.TenantSlug, account.TenantSlug),
            new(TariffClaimTypes.SubjectKind, account.IsApiKey ? "api-key" : "user"),
        };
        claims.AddRange(account.Roles.Select(role => new Claim(ClaimTypes.Role, role)));
        claims.AddRange((account.Scopes ?? []).Select(scope => new Claim(TariffClaimTypes.Scope, scope)));
        if (account.ConsumerId is { } consumer)
        {
            claims.Add(new Claim(TariffClaimTypes.ConsumerId, consumer.ToString()));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>The tenant of an authenticated principal; throws when the claim is missing, which is a bug.</summary>
    public static Guid TenantOf(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var value = principal.FindFirstValue(TariffClaimTypes.TenantId)
            ?? throw new InvalidOperationException("The caller has no tenant claim.");
        return Guid.Parse(value, CultureInfo.InvariantCulture);
    }

    /// <summary>A portal login's consumer; throws when the claim is missing, which the portal policy rules out.</summary>
    public static Guid ConsumerOf(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var value = principal.FindFirstValue(TariffClaimTypes.ConsumerId)
            ?? throw new InvalidOperationException("The caller has no consumer claim.");
        return Guid.Parse(value, CultureInfo.InvariantCulture);
    }
}
