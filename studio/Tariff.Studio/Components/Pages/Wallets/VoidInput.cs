namespace Tariff.Studio.Components.Pages.Wallets;

/// <summary>The void-credit form: which credit (its id) and why.</summary>
public sealed class VoidInput
{
    public string? CreditId { get; set; }

    public string? Reason { get; set; }
}
