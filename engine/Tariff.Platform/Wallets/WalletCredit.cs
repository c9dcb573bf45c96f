namespace Tariff.Platform.Wallets;

/// <summary>A block of credit in a wallet: a top-up, a grant or an automatic recharge, and what is left of it.</summary>
/// <remarks>
/// <c>Kind</c>: <c>top_up</c> (bought), <c>grant</c> (given) or <c>auto_recharge</c>.<br/>
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
    public const int DefaultPriority = 100;

    public static IReadOnlyList<string> Kinds { get; } = [TopUp, Grant, AutoRecharge];
}
