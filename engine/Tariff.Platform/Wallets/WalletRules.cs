using Tariff.Engine.Money;
using Tariff.Platform.Catalog;

namespace Tariff.Platform.Wallets;

/// <summary>What a wallet's amounts and settings must be, each refusal naming its field.</summary>
internal static class WalletRules
{
    /// <summary>A positive amount with no more decimals than the currency has minor units.</summary>
    public static void RequireAmount(decimal? amount, Currency currency, string field)
    {
        if (AmountProblem(amount, currency) is { } problem)
        {
            throw new CatalogValidationException(field, problem);
        }
    }

    public static void Check(WalletSettings settings, Currency currency)
    {
        var errors = new Dictionary<string, string[]>();
        void Amount(string field, decimal? amount)
        {
            if (AmountProblem(amount, currency) is { } problem)
            {
                errors[field] = [problem];
            }
        }

        if (settings.LowBalanceAmount is not null && settings.LowBalancePercent is not null)
        {
            errors["lowBalancePercent"] = ["give a low-balance warning as an amount or as a percent, not both."];
        }

        // Warning at 0 (the credit is used up) is allowed; any other amount is one of the currency.
        if (settings.LowBalanceAmount is { } low && low != 0)
        {
            Amount("lowBalanceAmount", low);
        }

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
            Amount("rechargeBelow", settings.RechargeBelow);
            Amount("rechargeAmount", settings.RechargeAmount);
            Amount("rechargeMonthlyMax", settings.RechargeMonthlyMax);
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

    private static string? AmountProblem(decimal? amount, Currency currency) => amount switch
    {
        null or <= 0 => $"is required and must be more than 0 {currency.Code}.",
        { } value when decimal.Round(value, currency.MinorUnits) != value => $"{value} has more decimals than {currency.Code}'s {currency.MinorUnits}.",
        _ => null,
    };
}
