namespace Tariff.Platform.Billing;

/// <summary>What a run did for one subscription and period.</summary>
/// <remarks>
/// <c>Action</c>: <c>created</c>, <c>updated</c> (a draft re-rated), <c>finalized</c>, <c>unchanged</c> (already final),
/// <c>credit_note</c> or <c>debit_note</c> (a finalized invoice corrected), or <c>failed</c>; a dry run says what it would
/// do (<c>would_create</c>, <c>would_update</c>, <c>would_credit</c>, <c>would_debit</c>).<br/>
/// <c>PreviousTotal</c>: The total of the consumer's invoice for the period before, for comparison.<br/>
/// <c>Preview</c>: For dry runs, the whole invoice that would be produced.
/// </remarks>
public sealed record BillingRunResult(
    Guid SubscriptionId, Guid ConsumerId, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, string Action, Guid? InvoiceId, string? Number,
    string? Status, string? Currency, decimal? Total, decimal? PreviousTotal, string? Error, Invoice? Preview)
{
    /// <summary>True when the invoice (or the preview) is of the period's fees billed in advance.</summary>
    public bool InAdvance { get; init; }
}
