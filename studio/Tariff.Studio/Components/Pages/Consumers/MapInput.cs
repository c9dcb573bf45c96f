namespace Tariff.Studio.Components.Pages.Consumers;

/// <summary>Maps one unmapped gateway identity to a consumer.</summary>
public sealed class MapInput
{
    public string? Identity { get; set; }

    public Guid? ConsumerId { get; set; }
}
