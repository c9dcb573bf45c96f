namespace Tariff.Studio.Api;

/// <summary>Who the caller is, as <c>GET /api/v1/me</c> answers.</summary>
/// <param name="Tenant">The tenant's slug.</param>
/// <param name="TenantId">The tenant's id.</param>
/// <param name="Subject">The user's or API key's id.</param>
/// <param name="Name">The user's display name or the key's name.</param>
/// <param name="Kind"><c>user</c> or <c>api-key</c>.</param>
/// <param name="Roles">The roles held.</param>
public sealed record MeResponse(string Tenant, Guid TenantId, string Subject, string Name, string Kind, IReadOnlyList<string> Roles);
