using Tariff.Platform.Wallets;

namespace Tariff.Studio.Api;

/// <summary>
/// The body of <c>POST /api/v1/wallets</c>: the consumer and currency, and optionally when to warn (an amount or a
/// percent of the credit in force) and when to recharge (below an amount, by an amount, at most so much a month).
/// </summary>
public sealed record WalletRequest(
    Guid? ConsumerId, string? Currency, decimal? LowBalanceAmount = null, decimal? LowBalancePercent = null, decimal? RechargeBelow = null,
    decimal? RechargeAmount = null, decimal? RechargeMonthlyMax = null)
{
    public WalletSettings Settings => new(LowBalanceAmount, LowBalancePercent, RechargeBelow, RechargeAmount, RechargeMonthlyMax);
}

/// <summary>The body of <c>POST /api/v1/wallets/{id}/credits/{creditId}/void</c>: why the credit is taken back.</summary>
public sealed record VoidCreditRequest(string? Reason);

/// <summary>A wallet with its balance (the sum of its ledger), the usage not yet invoiced, what is left after it, and its credits.</summary>
public sealed record WalletResponse(
    Guid Id, Guid ConsumerId, string Currency, WalletSettings Settings, decimal Balance, decimal Pending, decimal Ongoing, decimal InForce,
    IReadOnlyList<WalletCredit> Credits, DateTimeOffset CreatedAt)
{
    public static WalletResponse From(WalletBalance balance)
    {
        ArgumentNullException.ThrowIfNull(balance);
        var wallet = balance.Wallet;
        return new(wallet.Id, wallet.ConsumerId, wallet.Currency, wallet.Settings, balance.Balance, balance.Pending, balance.Ongoing, balance.InForce,
            balance.Credits, wallet.CreatedAt);
    }
}
