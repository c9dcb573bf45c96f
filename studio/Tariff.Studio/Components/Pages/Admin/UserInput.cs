namespace Tariff.Studio.Components.Pages.Admin;

/// <summary>The new-user form.</summary>
public sealed class UserInput
{
    public string? Email { get; set; }

    public string? DisplayName { get; set; }

    public string? Password { get; set; }

    public List<string>? Roles { get; set; }
}
