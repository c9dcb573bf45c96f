namespace Tariff.Studio.Components.Pages.Wallets;

/// <summary>The open-a-wallet form: the consumer (its id from the list) and the currency.</summary>
public sealed class WalletInput
{
    public string? ConsumerId { get; set; }

    public string? Currency { get; set; } = "EUR";
}
