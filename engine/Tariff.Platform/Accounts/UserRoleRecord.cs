namespace Tariff.Platform.Accounts;

/// <summary>A row of <c>user_roles</c>: one role held by one user.</summary>
public sealed class UserRoleRecord
{
    public Guid UserId { get; set; }

    public required string Role { get; set; }
}
