namespace Tariff.Platform.Wallets;

/// <summary>When a wallet warns and when it recharges itself; every part optional.</summary>
/// <remarks>
/// <c>LowBalanceAmount</c> or <c>LowBalancePercent</c> (not both): warn once the balance after usage not yet invoiced
/// falls to this amount, or to this percent of the credit in force (funded and neither expired nor voided).<br/>
/// <c>RechargeBelow</c>, <c>RechargeAmount</c>, <c>RechargeMonthlyMax</c> (all or none): when that balance falls below
/// <c>RechargeBelow</c>, add <c>RechargeAmount</c> of credit, at most <c>RechargeMonthlyMax</c> in a calendar month (UTC).
/// </remarks>
public sealed record WalletSettings(
    decimal? LowBalanceAmount = null, decimal? LowBalancePercent = null, decimal? RechargeBelow = null, decimal? RechargeAmount = null,
    decimal? RechargeMonthlyMax = null)
{
    public bool RechargesAutomatically => RechargeBelow is not null;
}
