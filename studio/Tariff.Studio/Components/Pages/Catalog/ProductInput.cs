namespace Tariff.Studio.Components.Pages.Catalog;

/// <summary>The new-product form.</summary>
public sealed class ProductInput
{
    public string? Code { get; set; }

    public string? Name { get; set; }

    public string? Description { get; set; }
}
