namespace Tariff.Platform.Accounts;

/// <summary>A row of <c>tenants</c>: one enterprise using Tariff. Every other row belongs to exactly one tenant.</summary>
public sealed class TenantRecord
{
    public Guid Id { get; set; }

    public required string Slug { get; set; }

    public required string Name { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
