namespace Tariff.Platform.Catalog;

/// <summary>A customer of the tenant, and the gateway identities whose usage is theirs.</summary>
/// <remarks>
/// <c>Code</c>: The tenant's own reference for the customer (account number, CRM id).
/// </remarks>
public sealed record Consumer(Guid Id, string Code, string Name, string? Email, IReadOnlyList<string> Identities, DateTimeOffset CreatedAt);
