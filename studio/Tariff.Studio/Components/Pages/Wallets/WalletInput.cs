namespace Tariff.Studio.Components.Pages.Wallets;

/// <summary>The open-a-wallet form: the consumer (by code) and the currency.</summary>
public sealed class WalletInput
{
    /// <summary>The code of the consumer the wallet belongs to, as typed into the picker.</summary>
    public string? ConsumerCode { get; set; }

    public string? Currency { get; set; } = "EUR";
}
