namespace Tariff.Studio.Components.Pages.Wallets;

/// <summary>The add-credit form. Numbers and the date stay text so that a typo is reported next to its field rather than dropped.</summary>
public sealed class CreditFormInput
{
    public string? Kind { get; set; } = "top_up";

    public string? Amount { get; set; }

    public string? Priority { get; set; }

    /// <summary>A date (yyyy-MM-dd, the credit expires at its start, UTC) or empty for no expiry.</summary>
    public string? ExpiresOn { get; set; }

    public string? Reference { get; set; }
}
