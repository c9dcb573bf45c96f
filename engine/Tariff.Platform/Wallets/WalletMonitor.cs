using System.Collections.Concurrent;
using System.Globalization;
using Tariff.Engine.Money;
using Tariff.Platform.Alerts;
using Tariff.Platform.Metering;

namespace Tariff.Platform.Wallets;

/// <summary>
/// Watches wallets as usage arrives and invoices consume them: for each consumer noticed since the last pass, every
/// wallet's ongoing balance (balance less usage not yet invoiced) is recharged when it falls below the recharge
/// threshold, and a low-balance alert fires once per funding when it falls to the warning threshold.
/// </summary>
public sealed class WalletMonitor(WalletService wallets, AlertStore alerts, TimeProvider clock)
{
    // Expiry needs no sweep to be right (reading or consuming a wallet writes off its expired credit first); the sweep
    // only lets warnings and recharges follow an expiry nobody reads, so once a minute is enough.
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private DateTimeOffset lastSweep = DateTimeOffset.MinValue;

    private readonly ConcurrentDictionary<(Guid Tenant, Guid Consumer), byte> pending = new();

    /// <summary>Notes the consumers of periods whose counters just changed.</summary>
    public void Notice(Guid tenantId, IEnumerable<CounterBucket> touched)
    {
        ArgumentNullException.ThrowIfNull(touched);
        foreach (var bucket in touched)
        {
            Notice(tenantId, bucket.Subscription.ConsumerId);
        }
    }

    /// <summary>Notes a consumer whose wallets may have changed (an invoice finalized, credit added).</summary>
    public void Notice(Guid tenantId, Guid consumerId) => pending[(tenantId, consumerId)] = 0;

    /// <summary>Writes off expired credit (at most once a minute), then checks every noticed consumer's wallets; returns the alerts raised.</summary>
    public async Task<IReadOnlyList<Alert>> EvaluatePendingAsync(CancellationToken cancellationToken = default)
    {
        if (clock.GetUtcNow() - lastSweep >= SweepInterval)
        {
            lastSweep = clock.GetUtcNow();
            foreach (var (tenantId, wallet) in await wallets.ExpireDueAsync(cancellationToken))
            {
                Notice(tenantId, wallet.ConsumerId);
            }
        }

        var raised = new List<Alert>();
        foreach (var key in pending.Keys)
        {
            pending.TryRemove(key, out _);
            try
            {
                foreach (var wallet in await wallets.ListAsync(key.Tenant, key.Consumer, cancellationToken))
                {
                    if (await CheckAsync(key.Tenant, wallet.Id, cancellationToken) is { } alert)
                    {
                        raised.Add(alert);
                    }
                }
            }
            catch
            {
                // Checked again on the next pass; a recharge or an alert already made is not made twice.
                pending[key] = 0;
                throw;
            }
        }

        return raised;
    }

    /// <summary>Recharges the wallet when due, then raises its low-balance alert when due; returns the alert when new.</summary>
    public async Task<Alert?> CheckAsync(Guid tenantId, Guid walletId, CancellationToken cancellationToken = default)
    {
        if (await wallets.BalanceAsync(tenantId, walletId, cancellationToken) is not { } balance)
        {
            return null;
        }

        if (balance.Wallet.Settings.RechargesAutomatically && balance.Ongoing < balance.Wallet.Settings.RechargeBelow
            && (await wallets.RechargeAsync(tenantId, walletId, balance.Pending, cancellationToken)).Count > 0)
        {
            balance = (await wallets.BalanceAsync(tenantId, walletId, cancellationToken))!;
        }

        return LowBalance(balance) is { } candidate ? await alerts.RaiseAsync(tenantId, candidate, cancellationToken) : null;
    }

    /// <summary>
    /// The low-balance alert the wallet calls for, if any: its ongoing balance at or under the warning threshold.
    /// It belongs to the wallet's latest funding, so it fires once until credit is added again.
    /// </summary>
    public static AlertCandidate? LowBalance(WalletBalance balance)
    {
        ArgumentNullException.ThrowIfNull(balance);
        var (wallet, settings) = (balance.Wallet, balance.Wallet.Settings);
        var latestFunding = balance.Credits.Select(c => (DateTimeOffset?)c.CreatedAt).Max();
        if (latestFunding is null || (settings.LowBalanceAmount is null && settings.LowBalancePercent is null))
        {
            return null;
        }

        // A share of the credit is rounded up to the currency's minor units: a warning errs on the early side.
        var currency = Currency.Find(wallet.Currency)!;
        var threshold = settings.LowBalanceAmount
            ?? Rounding.RoundMoney(balance.InForce * settings.LowBalancePercent!.Value / 100m, currency, RoundingMode.Up);
        if (balance.Ongoing > threshold)
        {
            return null;
        }

        var rule = settings.LowBalancePercent is { } percent
            ? string.Create(CultureInfo.InvariantCulture, $"{percent}% of the {balance.InForce} {wallet.Currency} in force ({threshold})")
            : string.Create(CultureInfo.InvariantCulture, $"{threshold} {wallet.Currency}");
        return new AlertCandidate(wallet.ConsumerId, null, Alert.LowBalanceKind, wallet.Currency, threshold, latestFunding.Value, null, balance.Ongoing,
            threshold, string.Create(CultureInfo.InvariantCulture,
                $"Prepaid credit is low: {balance.Ongoing} {wallet.Currency} left after {balance.Pending} of usage not yet invoiced (balance {balance.Balance}), at or under the warning at {rule}."));
    }
}
