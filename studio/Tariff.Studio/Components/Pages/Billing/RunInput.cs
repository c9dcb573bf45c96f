namespace Tariff.Studio.Components.Pages.Billing;

/// <summary>The run-now form. The instant stays text (a datetime-local value, read as UTC) so that a bad one is reported next to its field.</summary>
public sealed class RunInput
{
    public string? AsOf { get; set; }

    public bool DryRun { get; set; }

    /// <summary>Consumer codes separated by commas, as typed into the picker; none means every consumer.</summary>
    public string? ConsumerCodes { get; set; }

    // Null when the form posts no choice (the binder leaves an absent list null): every plan.

    public List<Guid>? PlanIds { get; set; }
}
