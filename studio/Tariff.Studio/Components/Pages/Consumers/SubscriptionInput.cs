namespace Tariff.Studio.Components.Pages.Consumers;

/// <summary>The new-subscription form. Version and start stay text so that a bad value is reported next to its field.</summary>
public sealed class SubscriptionInput
{
    public Guid? PlanId { get; set; }

    public string? Version { get; set; }

    public string? StartsAt { get; set; }

    public string? TimeZone { get; set; } = "UTC";
}
