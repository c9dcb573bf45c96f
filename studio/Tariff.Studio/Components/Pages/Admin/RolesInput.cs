namespace Tariff.Studio.Components.Pages.Admin;

/// <summary>One user's roles, replaced as a whole, or the user disabled or enabled.</summary>
public sealed class RolesInput
{
    public Guid UserId { get; set; }

    public List<string>? Roles { get; set; }

    /// <summary><c>roles</c>, <c>disable</c> or <c>enable</c>: which button was pressed.</summary>
    public string? Command { get; set; }
}
