using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Tariff.Platform.Catalog;

namespace Tariff.Platform.Billing;

/// <summary>
/// An invoice as a printable HTML page: one self-contained file (styles inline, no script, no external resource),
/// so that it prints the same from a browser, from headless Chromium to PDF, or from an archive years later.
/// </summary>
public static class InvoiceHtml
{
    // The page is UTF-8: only markup characters need escaping, and explanations keep their × and ⌈⌉ readable in the source.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <param name="invoice">The invoice or credit note.</param>
    /// <param name="consumer">Who it is addressed to.</param>
    /// <param name="issuer">The tenant's name.</param>
    /// <param name="corrected">For a credit note, the number of the invoice it corrects.</param>
    public static string Render(Invoice invoice, Consumer consumer, string issuer, string? corrected = null)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(consumer);
        var title = InvoiceKinds.Title(invoice.Kind);
        var number = invoice.Number ?? "DRAFT";
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{E(title)} {E(number)}</title>
            <style>
            body {"{"} font: 11pt/1.45 system-ui, sans-serif; color: #1d2430; margin: 2.5em; {"}"}
            h1 {"{"} font-size: 20pt; margin: 0 0 .2em; {"}"}
            .status {"{"} display: inline-block; padding: .1em .6em; border: 1px solid #8a94a6; border-radius: 3px; font-size: 9pt; text-transform: uppercase; {"}"}
            .parties {"{"} display: flex; justify-content: space-between; margin: 1.5em 0; {"}"}
            table {"{"} width: 100%; border-collapse: collapse; {"}"}
            th, td {"{"} text-align: left; padding: .45em .5em; border-bottom: 1px solid #d9dee7; vertical-align: top; {"}"}
            td.n, th.n {"{"} text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; {"}"}
            .why {"{"} color: #5b6578; font-size: 9pt; {"}"}
            tfoot td {"{"} border: none; font-weight: 600; {"}"}
            @media print {"{"} body {"{"} margin: 0; {"}"} {"}"}
            </style></head><body>
            <h1>{E(title)} {E(number)}</h1>
            <span class="status">{E(invoice.Status)}</span>
            <div class="parties">
            <div><strong>From</strong><br>{E(issuer)}</div>
            <div><strong>To</strong><br>{E(consumer.Name)}<br>Account {E(consumer.Code)}{(consumer.Email is { } email ? $"<br>{E(email)}" : string.Empty)}</div>
            <div><strong>Period</strong><br>{Date(invoice.Period.Start)} to {Date(invoice.Period.End)} (UTC)<br>{(invoice.InAdvance ? "Fees billed in advance<br>" : string.Empty)}
            {(invoice.FinalizedAt is { } issued ? $"Issued {Date(issued)}" : $"Open for late usage until {Date(invoice.GraceEndsAt)}")}</div>
            </div>
            """);
        if (invoice.CorrectsInvoice is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>Corrects invoice {E(corrected ?? invoice.CorrectsInvoice.Value.ToString())}: {E(invoice.Reason)}</p>\n");
        }

        html.Append(CultureInfo.InvariantCulture, $"""
            <table>
            <thead><tr><th>#</th><th>Description</th><th class="n">Quantity</th><th class="n">Unit price</th><th class="n">Amount ({E(invoice.Currency)})</th></tr></thead>
            <tbody>

            """);
        foreach (var line in invoice.Lines)
        {
            html.Append(CultureInfo.InvariantCulture, $"""
                <tr><td>{line.Position}</td><td>{E(line.Description)}<div class="why">{E(line.Explanation)}</div></td>
                <td class="n">{Number(line.Quantity)}</td><td class="n">{Number(line.UnitPrice)}</td><td class="n">{Number(line.RoundedAmount)}</td></tr>

                """);
        }

        html.Append(CultureInfo.InvariantCulture, $"""
            </tbody>
            <tfoot>
            <tr><td colspan="4" class="n">Subtotal</td><td class="n">{Number(invoice.Subtotal)}</td></tr>
            <tr><td colspan="4" class="n">Tax{(invoice.TaxPercent is { } percent ? $" ({Number(percent)}%)" : string.Empty)}</td><td class="n">{Number(invoice.Tax)}</td></tr>
            <tr><td colspan="4" class="n">Total {E(invoice.Currency)}</td><td class="n">{Number(invoice.Total)}</td></tr>
            {(invoice.CreditApplied != 0 ? $"""
                <tr><td colspan="4" class="n">{(invoice.CreditApplied > 0 ? "Paid from prepaid credit" : "Returned to prepaid credit")}</td><td class="n">{Number(-invoice.CreditApplied)}</td></tr>
                <tr><td colspan="4" class="n">{(invoice.AmountDue < 0 ? "Amount to refund" : "Amount due")} {E(invoice.Currency)}</td><td class="n">{Number(invoice.AmountDue)}</td></tr>
                """ : string.Empty)}
            </tfoot>
            </table>
            <p class="why">{invoice.Events:N0} usage event(s) rated. Amounts are rounded {E(invoice.Rounding)} to the currency's minor units.</p>
            </body></html>

            """);
        return html.ToString();
    }

    private static string E(string text) => Encoder.Encode(text);

    private static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Date(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
