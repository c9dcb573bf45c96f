namespace Tariff.Studio.Components.Pages.Plans;

/// <summary>The form that creates a plan. Validation is the catalog's own, so that the form and the API agree.</summary>
public sealed class PlanInput
{
    public string? Code { get; set; }

    public string? Name { get; set; }

    public Guid? ProductId { get; set; }
}
