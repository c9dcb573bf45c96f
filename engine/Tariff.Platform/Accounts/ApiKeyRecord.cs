namespace Tariff.Platform.Accounts;

/// <summary>A row of <c>api_keys</c>. The key itself is shown once at creation and never stored.</summary>
public sealed class ApiKeyRecord
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public required string Name { get; set; }

    /// <summary>The first characters of the key, so that a person can tell keys apart in lists.</summary>
    public required string Prefix { get; set; }

    /// <summary>SHA-256 of the whole key.</summary>
    public required byte[] KeyHash { get; set; }

    public required string Role { get; set; }

    /// <summary>What the key may do besides holding its role (<see cref="ApiKeyScopes"/>).</summary>
    public required string[] Scopes { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
