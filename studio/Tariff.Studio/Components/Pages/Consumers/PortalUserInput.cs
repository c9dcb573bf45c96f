namespace Tariff.Studio.Components.Pages.Consumers;

/// <summary>A new portal login for the consumer.</summary>
public sealed class PortalUserInput
{
    public string? Email { get; set; }

    public string? DisplayName { get; set; }

    public string? Password { get; set; }
}
