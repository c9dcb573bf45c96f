namespace Tariff.Platform.Billing;

/// <summary>One line of an invoice, with the rule that produced its amount.</summary>
/// <remarks>
/// <c>Kind</c>: fee, usage, discount, cap, minimum, commitment (from the rating), true_up, tax, or credit.<br/>
/// <c>Amount</c>: Exact; <c>RoundedAmount</c>: in the currency's minor units with the plan's rounding mode.<br/>
/// <c>CorrectsInvoice</c>: For true-up and credit lines, the finalized invoice whose period they correct.
/// </remarks>
public sealed record InvoiceLine(
    int Position, string Kind, string Description, string? Meter, string? Group, decimal? Quantity, decimal? UnitPrice, decimal Amount,
    decimal RoundedAmount, string Explanation, Guid? CorrectsInvoice)
{
    public const string TaxKind = "tax";

    public const string TrueUpKind = "true_up";

    public const string CreditKind = "credit";
}
