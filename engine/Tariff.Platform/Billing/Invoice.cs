using Tariff.Engine.Evaluation;

namespace Tariff.Platform.Billing;

/// <summary>An invoice (or a credit or debit note correcting one) for one subscription and billing period.</summary>
/// <remarks>
/// <c>Kind</c>: one of <see cref="InvoiceKinds"/>: <c>invoice</c>, <c>credit_note</c> or <c>debit_note</c>.<br/>
/// <c>Number</c>: The tenant's gapless number, taken when finalized (INV-000001, CN-000001, DN-000001); null while a draft.<br/>
/// <c>Period</c>: The part of the billing period the subscription covered (for an invoice <see cref="InAdvance"/>, as known when the period started).<br/>
/// <c>Status</c>: <c>draft</c>, <c>finalized</c>, <c>paid</c> or <c>void</c>.<br/>
/// <c>Subtotal</c>, <c>Tax</c>, <c>Total</c>: Sums of the rounded lines, in the currency's minor units.<br/>
/// <c>Events</c>: How many usage events the invoice's own period rated.<br/>
/// <c>CorrectsInvoice</c>: For a credit or debit note, the invoice it corrects.<br/>
/// <c>GraceEndsAt</c>: Until then a draft takes late usage; a run after it finalizes the invoice.<br/>
/// <c>CreditApplied</c>: On an invoice or debit note, what the consumer's prepaid credit paid when it was finalized; on a credit note,
/// what it returned to the wallet, as a negative amount. <c>AmountDue</c> is the rest: owed by the consumer, or, when
/// negative, owed to it.
/// </remarks>
public sealed record Invoice(
    Guid Id, string Kind, string? Number, Guid ConsumerId, Guid SubscriptionId, Guid PlanId, int PlanVersion, UsagePeriod Period, string Currency,
    string Rounding, string Status, decimal Subtotal, decimal Tax, decimal Total, string? TaxRateCode, decimal? TaxPercent, long Events,
    Guid? CorrectsInvoice, string Reason, DateTimeOffset GraceEndsAt, Guid? BillingRunId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    DateTimeOffset? FinalizedAt, DateTimeOffset? PaidAt, DateTimeOffset? VoidedAt, IReadOnlyList<InvoiceLine> Lines)
{
    public decimal CreditApplied { get; init; }

    /// <summary>
    /// True for the invoice of the fees billed in advance, issued when its period starts; false for the invoice of the
    /// rest of the period (usage, fees in arrears, the commitment), issued when it ends. Notes are never in advance.
    /// </summary>
    public bool InAdvance { get; init; }

    public decimal AmountDue => Total - CreditApplied;

    /// <summary>The subtotal of the invoice's own period: its lines before tax, less any corrections of earlier invoices.</summary>
    public decimal OwnSubtotal => Lines.Where(l => l.Kind != InvoiceLine.TaxKind && l.CorrectsInvoice is null).Sum(l => l.RoundedAmount);
}
