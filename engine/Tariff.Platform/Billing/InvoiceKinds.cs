namespace Tariff.Platform.Billing;

/// <summary>
/// The documents billing issues. An invoice bills a subscription's period. A credit note gives back part of a
/// finalized invoice. A debit note charges what a finalized invoice missed (late usage) when no later invoice can
/// carry it. Each kind has its own gapless number series.
/// </summary>
public static class InvoiceKinds
{
    public const string Invoice = "invoice";

    public const string CreditNote = "credit_note";

    public const string DebitNote = "debit_note";

    /// <summary>Every kind, as the API's <c>kind</c> filter accepts them.</summary>
    public static IReadOnlyList<string> All { get; } = [Invoice, CreditNote, DebitNote];

    /// <summary>What a document of <paramref name="kind"/> is called on paper.</summary>
    public static string Title(string kind) => kind switch
    {
        CreditNote => "Credit note",
        DebitNote => "Debit note",
        _ => "Invoice",
    };

    /// <summary>The prefix of the kind's numbers: INV-000001, CN-000001, DN-000001.</summary>
    public static string NumberPrefix(string kind) => kind switch
    {
        CreditNote => "CN",
        DebitNote => "DN",
        _ => "INV",
    };

    /// <summary>Whether documents of <paramref name="kind"/> ask the consumer for money (and so take prepaid credit).</summary>
    public static bool Charges(string kind) => kind is Invoice or DebitNote;
}
