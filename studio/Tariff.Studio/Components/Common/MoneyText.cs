using System.Globalization;
using Tariff.Engine.Money;

namespace Tariff.Studio.Components.Common;

/// <summary>Amounts as pages show them: the currency's minor units (JPY 0, EUR 2, KWD 3), invariant digits, then the code.</summary>
public static class MoneyText
{
    public static string Format(decimal amount, string currency) =>
        $"{amount.ToString($"F{Currency.Find(currency)?.MinorUnits ?? 2}", CultureInfo.InvariantCulture)} {currency}";
}
