namespace Tariff.Studio.Components.Pages.Assistant;

/// <summary>The apply form: the proposal, and the code and name of the plan or schedule it creates when it changes none.</summary>
public sealed class ApplyInput
{
    public Guid ExchangeId { get; set; }

    public string? Code { get; set; }

    public string? Name { get; set; }
}
