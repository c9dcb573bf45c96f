namespace Tariff.Platform.Accounts;

/// <summary>A row of <c>users</c>: a person who logs in to the studio or the portal.</summary>
public sealed class UserRecord
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>The login, stored in lower case.</summary>
    public required string Email { get; set; }

    public required string DisplayName { get; set; }

    /// <summary>A <c>PasswordHasher</c> hash (PBKDF2 with a per-user salt), never the password.</summary>
    public required string PasswordHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DisabledAt { get; set; }

    /// <summary>For a portal login (the consumer role): the consumer whose data it sees; null for studio users.</summary>
    public Guid? ConsumerId { get; set; }

    public List<UserRoleRecord> Roles { get; set; } = [];
}
