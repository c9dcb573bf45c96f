namespace Tariff.Studio.Components.Pages.Admin;

/// <summary>The new-API-key form.</summary>
public sealed class ApiKeyInput
{
    public string? Name { get; set; }

    public string? Role { get; set; } = Platform.Accounts.Roles.Operator;

    public List<string>? Scopes { get; set; }
}
