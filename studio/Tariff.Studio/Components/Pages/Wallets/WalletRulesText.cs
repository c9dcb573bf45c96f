using System.Globalization;
using Tariff.Platform.Wallets;

namespace Tariff.Studio.Components.Pages.Wallets;

/// <summary>A wallet's warning and recharge settings in a few words, for lists.</summary>
public static class WalletRulesText
{
    public static string Of(Wallet wallet)
    {
        ArgumentNullException.ThrowIfNull(wallet);
        var (settings, currency) = (wallet.Settings, wallet.Currency);
        var parts = new List<string>();
        if (settings.LowBalanceAmount is { } amount)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"warn at {amount} {currency}"));
        }

        if (settings.LowBalancePercent is { } percent)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"warn at {percent}% of the credit in force"));
        }

        if (settings.RechargesAutomatically)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture,
                $"recharge {settings.RechargeAmount} {currency} below {settings.RechargeBelow}, at most {settings.RechargeMonthlyMax} a month"));
        }

        return parts.Count == 0 ? "no warning, no recharge" : string.Join("; ", parts);
    }
}
