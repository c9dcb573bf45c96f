namespace Tariff.Platform.Wallets;

/// <summary>A block of credit in a wallet: a top-up, a grant, an automatic recharge or a refund, and what is left of it.</summary>
/// <remarks>
/// <c>Kind</c>: <c>top_up</c> (bought), <c>grant</c> (given), <c>auto_recharge</c>, or <c>refund</c> (credit returned by a
/// credit note or a voided invoice; its <c>Reference</c> is that document's number).<br/>
/// <c>Priority</c>: lower numbers are consumed first; then the block expiring soonest, then the oldest.<br/>
/// <c>Remaining</c>: the sum of the block's ledger entries.<br/>
/// <c>State</c>: <c>active</c>, <c>used</c> (nothing left), <c>expired</c> or <c>voided</c>.
/// </remarks>
public sealed record WalletCredit(
    Guid Id, Guid WalletId, string Kind, decimal Amount, decimal Remaining, int Priority, DateTimeOffset? ExpiresAt, string Reference, string CreatedBy,
    DateTimeOffset CreatedAt, string State)
{
    public const string TopUp = "top_up";
    public const string Grant = "grant";
    public const string AutoRecharge = "auto_recharge";
    public const string Refund = "refund";
    public const int DefaultPriority = 100;
}
