namespace Tariff.Studio.Components.Pages.Consumers;

/// <summary>Maps one unmapped gateway identity to a consumer, named by its code (a tenant may have too many consumers to list).</summary>
public sealed class MapInput
{
    public string? Identity { get; set; }

    public string? ConsumerCode { get; set; }
}
