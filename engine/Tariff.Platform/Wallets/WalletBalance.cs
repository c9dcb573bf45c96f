namespace Tariff.Platform.Wallets;

/// <summary>A wallet as it stands: its credit, what usage not yet invoiced will take, and what is left after that.</summary>
/// <remarks>
/// <c>Balance</c>: the sum of the ledger (credit that invoices can still consume).<br/>
/// <c>Pending</c>: usage rated but not yet invoiced in the wallet's currency: draft invoices, and the current period so
/// far from the real-time counters.<br/>
/// <c>Ongoing</c>: <c>Balance</c> less <c>Pending</c>; what warnings and recharges watch.<br/>
/// <c>InForce</c>: the amounts of the blocks neither expired nor voided (what a percent warning is a share of).
/// </remarks>
public sealed record WalletBalance(Wallet Wallet, decimal Balance, decimal Pending, decimal InForce, IReadOnlyList<WalletCredit> Credits)
{
    public decimal Ongoing => Balance - Pending;
}
