namespace Tariff.Platform.Accounts;

/// <summary>Who is calling, once a password or API key has been checked.</summary>
/// <param name="TenantId">The tenant every query of this caller is scoped to.</param>
/// <param name="TenantSlug">The tenant's short name.</param>
/// <param name="SubjectId">The user's or API key's id.</param>
/// <param name="Name">The user's display name or the key's name.</param>
/// <param name="Roles">The roles held.</param>
/// <param name="IsApiKey">True for an API key, false for a person.</param>
/// <param name="Scopes">An API key's scopes (<see cref="ApiKeyScopes"/>); empty for a person.</param>
/// <param name="ConsumerId">For a portal login, the consumer whose data it sees.</param>
public sealed record AccountPrincipal(
    Guid TenantId, string TenantSlug, Guid SubjectId, string Name, IReadOnlyList<string> Roles, bool IsApiKey,
    IReadOnlyList<string>? Scopes = null, Guid? ConsumerId = null)
{
    /// <summary>True when this is an API key holding <paramref name="scope"/>.</summary>
    public bool HasScope(string scope) => Scopes?.Contains(scope) == true;
}
