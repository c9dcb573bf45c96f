namespace Tariff.Studio.Components.Pages.Billing;

/// <summary>The credit-note form; the amount stays text so that "abc" is reported next to the field rather than dropped.</summary>
public sealed class CreditInput
{
    public string? Amount { get; set; }

    public string? Reason { get; set; }
}
