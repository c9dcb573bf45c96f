using System.Globalization;
using Tariff.Platform.Wallets;
using Tariff.Studio.Components.Common;

namespace Tariff.Studio.Components.Pages.Wallets;

/// <summary>The wallet-settings form: every amount as text, empty meaning "not set".</summary>
public sealed class SettingsInput
{
    public string? LowBalanceAmount { get; set; }

    public string? LowBalancePercent { get; set; }

    public string? RechargeBelow { get; set; }

    public string? RechargeAmount { get; set; }

    public string? RechargeMonthlyMax { get; set; }

    public static SettingsInput Of(WalletSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new SettingsInput
        {
            LowBalanceAmount = Text(settings.LowBalanceAmount),
            LowBalancePercent = Text(settings.LowBalancePercent),
            RechargeBelow = Text(settings.RechargeBelow),
            RechargeAmount = Text(settings.RechargeAmount),
            RechargeMonthlyMax = Text(settings.RechargeMonthlyMax),
        };
    }

    /// <summary>The settings, with an error per field that is not a number.</summary>
    public WalletSettings Parse(Dictionary<string, string[]> errors) => new(
        FormNumbers.Amount(LowBalanceAmount, "lowBalanceAmount", errors), FormNumbers.Amount(LowBalancePercent, "lowBalancePercent", errors),
        FormNumbers.Amount(RechargeBelow, "rechargeBelow", errors), FormNumbers.Amount(RechargeAmount, "rechargeAmount", errors),
        FormNumbers.Amount(RechargeMonthlyMax, "rechargeMonthlyMax", errors));

    private static string? Text(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);
}
