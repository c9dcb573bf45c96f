namespace Tariff.Platform.Wallets;

/// <summary>One change of a wallet's balance, never altered afterwards.</summary>
/// <remarks>
/// <c>Entry</c>: <c>funded</c> (positive), <c>consumed</c> by an invoice, <c>expired</c> or <c>voided</c> (negative).<br/>
/// <c>Balance</c>: the wallet's balance after this entry (the sum of it and every entry before).
/// </remarks>
public sealed record LedgerEntry(
    long Id, Guid CreditId, string Entry, decimal Amount, decimal Balance, Guid? InvoiceId, string Description, DateTimeOffset OccurredAt)
{
    public const string Funded = "funded";
    public const string Consumed = "consumed";
    public const string Expired = "expired";
    public const string Voided = "voided";
}
