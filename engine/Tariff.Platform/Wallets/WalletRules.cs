using Tariff.Engine.Money;
using Tariff.Platform.Catalog;

namespace Tariff.Platform.Wallets;

/// <summary>What a wallet's amounts and settings must be, each refusal naming its field.</summary>
internal static class WalletRules
{
    /// <summary>A positive amount with no more decimals than the currency has minor units.</summary>
    public static void RequireAmount(decimal? amount, Currency currency, string field)
    {
        if (amount is not { } value || value <= 0)
        {
            throw new CatalogValidationException(field, $"is required and must be more than 0 {currency.Code}.");
        }

        if (decimal.Round(value, currency.MinorUnits) != value)
        {
            throw new CatalogValidationException(field, $"{value} has more decimals than {currency.Code}'s {currency.MinorUnits}.");
        }
    }

    public static void Check(WalletSettings settings, Currency currency)
    {
        var errors = new Dictionary<string, string[]>();
        if (settings.LowBalanceAmount is not null && settings.LowBalancePercent is not null)
        {
            errors["lowBalancePercent"] = ["give a low-balance warning as an amount or as a percent, not both."];
        }

        Collect(errors, "lowBalanceAmount", () =>
        {
            if (settings.LowBalanceAmount is { } amount && amount != 0)
            {
                RequireAmount(amount, currency, "lowBalanceAmount");
            }
        });
        if (settings.LowBalancePercent is { } percent && percent is <= 0 or >= 100)
        {
            errors["lowBalancePercent"] = [$"is {percent}; use more than 0 and less than 100 (a share of the credit in force)."];
        }

        var recharge = new[] { settings.RechargeBelow, settings.RechargeAmount, settings.RechargeMonthlyMax };
        if (recharge.Any(v => v is not null) && recharge.Any(v => v is null))
        {
            errors["rechargeAmount"] = ["automatic recharge needs all three: the balance it starts below, the amount, and the maximum a month."];
        }
        else if (settings.RechargesAutomatically)
        {
            Collect(errors, "rechargeBelow", () => RequireAmount(settings.RechargeBelow, currency, "rechargeBelow"));
            Collect(errors, "rechargeAmount", () => RequireAmount(settings.RechargeAmount, currency, "rechargeAmount"));
            Collect(errors, "rechargeMonthlyMax", () => RequireAmount(settings.RechargeMonthlyMax, currency, "rechargeMonthlyMax"));
            if (!errors.ContainsKey("rechargeMonthlyMax") && settings.RechargeMonthlyMax < settings.RechargeAmount)
            {
                errors["rechargeMonthlyMax"] = [$"is {settings.RechargeMonthlyMax}, less than one recharge of {settings.RechargeAmount}."];
            }
        }

        if (errors.Count > 0)
        {
            throw new CatalogValidationException(errors);
        }
    }

    private static void Collect(Dictionary<string, string[]> errors, string field, Action check)
    {
        try
        {
            check();
        }
        catch (CatalogValidationException exception)
        {
            errors[field] = exception.Errors[field];
        }
    }
}
