using System.Globalization;
using Tariff.Engine.Money;

namespace Tariff.Platform.Billing;

/// <summary>
/// Numbers an invoice's lines, adds its tax line and sums it: the subtotal is the sum of the rounded lines, the tax
/// is the subtotal at the rate rounded to the currency's minor units with the plan's rounding mode, and the total is
/// their sum, so the lines always add up to the total.
/// </summary>
public static class InvoiceTotals
{
    /// <summary>The invoice with positions from 1, a tax line when <paramref name="tax"/> is given, and its totals.</summary>
    public static Invoice Complete(Invoice invoice, TaxRate? tax)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var currency = Currency.Find(invoice.Currency) ?? throw new InvalidOperationException($"'{invoice.Currency}' is not an ISO 4217 currency.");
        var mode = Rounding.ByName[invoice.Rounding];
        var lines = invoice.Lines.Where(l => l.Kind != InvoiceLine.TaxKind).ToList();
        var subtotal = Rounding.RoundMoney(lines.Sum(l => l.RoundedAmount), currency, mode);
        var taxAmount = Rounding.RoundMoney(0m, currency, mode);
        if (tax is not null)
        {
            var exact = subtotal * tax.Percent / 100m;
            taxAmount = Rounding.RoundMoney(exact, currency, mode);
            lines.Add(new InvoiceLine(0, InvoiceLine.TaxKind, tax.Name, null, null, subtotal, null, exact, taxAmount,
                string.Create(CultureInfo.InvariantCulture, $"{tax.Percent}% of {subtotal}, rounded {Rounding.NameOf(mode)} to {currency.MinorUnits} decimal(s)"),
                invoice.CorrectsInvoice));
        }

        return invoice with
        {
            Lines = [.. lines.Select((line, index) => line with { Position = index + 1 })],
            Subtotal = subtotal,
            Tax = taxAmount,
            Total = Rounding.RoundMoney(subtotal + taxAmount, currency, mode),
            TaxRateCode = tax?.Code,
            TaxPercent = tax?.Percent,
        };
    }
}
