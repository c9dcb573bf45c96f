using Tariff.Engine.Diagnostics;
using Tariff.Engine.Money;
using Tariff.Engine.Syntax;

namespace Tariff.Engine.Binding;

/// <summary>Checks amounts against the plan currency.</summary>
internal sealed class MoneyChecker(Currency? currency, BindingContext context)
{
    public decimal Any(MoneySyntax money)
    {
        if (money.Currency is { } code && currency is not null && code.Value != currency.Code)
        {
            context.Error(DiagnosticIds.CurrencyMismatch, code.Span, $"this amount is in {code.Value} but the plan bills in {currency.Code}");
        }

        return money.Amount;
    }

    public decimal NonNegative(MoneySyntax money, string what)
    {
        var amount = Any(money);
        if (amount < 0)
        {
            context.Error(DiagnosticIds.ValueOutOfRange, money.Span, $"{what} cannot be negative ({amount})");
        }

        return amount;
    }
}
