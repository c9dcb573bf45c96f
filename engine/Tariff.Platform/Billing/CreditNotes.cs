using System.Globalization;
using Tariff.Engine.Money;
using Tariff.Platform.Catalog;

namespace Tariff.Platform.Billing;

/// <summary>
/// Credits part of a finalized invoice by hand, for the API and the studio alike: the amount is checked against what
/// is not yet credited and against the currency's minor units, and the reason is printed on the note.
/// </summary>
public sealed class CreditNotes(InvoiceStore invoices)
{
    /// <summary>The longest reason a credit note prints.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>
    /// Issues the credit note, or returns null when the tenant has no such invoice. Throws
    /// <see cref="CatalogValidationException"/> naming <c>amount</c> or <c>reason</c>, and
    /// <see cref="InvoiceStateException"/> when the invoice is not finalized.
    /// </summary>
    public async Task<Invoice?> IssueAsync(Guid tenantId, Guid invoiceId, decimal? amount, string? reason, string author,
        CancellationToken cancellationToken = default)
    {
        if (await invoices.FindAsync(tenantId, invoiceId, cancellationToken) is not { } invoice)
        {
            return null;
        }

        var open = Open(invoice, await OfAsync(tenantId, invoice, cancellationToken));
        var digits = Currency.Find(invoice.Currency)?.MinorUnits ?? 2;
        var errors = new Dictionary<string, string[]>();
        if (amount is not { } credit || credit <= 0 || credit > open || decimal.Round(credit, digits) != credit)
        {
            errors["amount"] = [string.Create(CultureInfo.InvariantCulture,
                $"is required: more than 0 and at most {open} (the subtotal not yet credited), with at most {digits} decimal(s) for {invoice.Currency}.")];
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReasonLength)
        {
            errors["reason"] = [$"is required, at most {MaxReasonLength} characters: it is printed on the credit note."];
        }

        if (errors.Count > 0)
        {
            throw new CatalogValidationException(errors);
        }

        var line = new InvoiceLine(0, InvoiceLine.CreditKind, $"credit on {invoice.Number}", null, null, null, null, -amount!.Value, -amount.Value,
            $"credited by {author}: {reason}", invoice.Id);
        return await invoices.IssueCreditNoteAsync(tenantId, invoice, [line], reason!, null, cancellationToken);
    }

    // The credit notes issued against the invoice, oldest first.
    private async Task<IReadOnlyList<Invoice>> OfAsync(Guid tenantId, Invoice invoice, CancellationToken cancellationToken) =>
        [.. (await invoices.NotesOfAsync(tenantId, invoice.Id, cancellationToken)).Where(n => n.Kind == InvoiceKinds.CreditNote)];

    /// <summary>The invoice's subtotal that its credit notes (negative subtotals) have not yet taken back: the most a new note may credit.</summary>
    public static decimal Open(Invoice invoice, IEnumerable<Invoice> notes)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return invoice.Subtotal + notes.Sum(n => n.Subtotal);
    }
}
