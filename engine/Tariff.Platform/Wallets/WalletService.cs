using System.Globalization;
using Npgsql;
using Tariff.Engine.Money;
using Tariff.Platform.Alerts;
using Tariff.Platform.Audit;
using Tariff.Platform.Catalog;
using Tariff.Platform.Database;

namespace Tariff.Platform.Wallets;

/// <summary>
/// Consumers' wallets: opened per currency, funded by top-ups and grants, read as balances, credits and the ledger.
/// Every change of a balance is a ledger entry written in the transaction that locks the wallet.
/// </summary>
public sealed class WalletService(NpgsqlDataSource dataSource, ConsumerService consumers, WalletUsage usage, AlertStore alerts, AuditLog audit,
    TimeProvider clock)
{
    public const int MaxLedgerPage = 1000;

    /// <summary>Opens a wallet for the consumer in <paramref name="currency"/>.</summary>
    public async Task<Wallet> CreateAsync(Guid tenantId, Guid consumerId, string? currency, WalletSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (await consumers.FindAsync(tenantId, consumerId, cancellationToken) is not { } consumer)
        {
            throw new CatalogValidationException("consumerId", $"no consumer {consumerId} in this tenant.");
        }

        var money = RequireCurrency(currency);
        WalletRules.Check(settings, money);
        var now = clock.GetUtcNow();
        var wallet = new Wallet(Guid.CreateVersion7(), consumerId, money.Code, settings, now, now);
        try
        {
            return await dataSource.InTransactionAsync(async transaction =>
            {
                await transaction.ExecuteAsync($"INSERT INTO wallets ({WalletLedger.WalletColumns}, tenant_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                    cancellationToken, [wallet.Id, consumerId, wallet.Currency, .. SettingValues(settings), now, now, tenantId]);
                await audit.RecordAsync(transaction, tenantId, "wallet.created", "wallet", wallet.Id, null, wallet, cancellationToken);
                return wallet;
            }, cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new CatalogValidationException("currency", $"consumer '{consumer.Code}' already has a {wallet.Currency} wallet; top it up instead.");
        }
    }

    /// <summary>Replaces the wallet's warning and recharge settings; null when the tenant has no such wallet.</summary>
    public async Task<Wallet?> ConfigureAsync(Guid tenantId, Guid walletId, WalletSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await WalletLedger.LockAsync(transaction, tenantId, walletId, cancellationToken) is not { } before)
        {
            return null;
        }

        WalletRules.Check(settings, Currency.Find(before.Currency)!);
        var now = clock.GetUtcNow();
        await transaction.ExecuteAsync("""
            UPDATE wallets SET low_balance_amount = $3, low_balance_percent = $4, recharge_below = $5, recharge_amount = $6, recharge_monthly_max = $7,
                updated_at = $8
            WHERE tenant_id = $1 AND id = $2
            """, cancellationToken, [tenantId, walletId, .. SettingValues(settings), now]);
        var after = before with { Settings = settings, UpdatedAt = now };
        await audit.RecordAsync(transaction, tenantId, "wallet.configured", "wallet", walletId, before, after, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return after;
    }

    public async Task<Wallet?> FindAsync(Guid tenantId, Guid walletId, CancellationToken cancellationToken = default) =>
        (await dataSource.ListAsync($"SELECT {WalletLedger.WalletColumns} FROM wallets WHERE tenant_id = $1 AND id = $2", WalletLedger.ReadWallet,
            cancellationToken, tenantId, walletId)).SingleOrDefault();

    /// <summary>The tenant's wallets (of one consumer when given), by consumer and currency.</summary>
    public async Task<IReadOnlyList<Wallet>> ListAsync(Guid tenantId, Guid? consumerId, CancellationToken cancellationToken = default) =>
        await dataSource.ListAsync($"""
            SELECT {WalletLedger.WalletColumns} FROM wallets WHERE tenant_id = $1 AND ($2::uuid IS NULL OR consumer_id = $2) ORDER BY consumer_id, currency
            """, WalletLedger.ReadWallet, cancellationToken, tenantId, (object?)consumerId ?? DBNull.Value);

    /// <summary>
    /// The wallet's balance, pending usage and credits now; null when the tenant has no such wallet. Blocks whose
    /// expiry has come are written off first, so the balance is always the sum of the ledger.
    /// </summary>
    public async Task<WalletBalance?> BalanceAsync(Guid tenantId, Guid walletId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        Wallet? wallet;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            wallet = await WalletLedger.LockAsync(transaction, tenantId, walletId, cancellationToken);
            if (wallet is null)
            {
                return null;
            }

            await WalletLedger.ExpireAsync(transaction, tenantId, walletId, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        var credits = await CreditsAsync(tenantId, walletId, cancellationToken);
        var pending = await usage.PendingAsync(tenantId, wallet.ConsumerId, wallet.Currency, now, cancellationToken);
        return new WalletBalance(wallet, credits.Sum(c => c.Remaining), pending,
            credits.Where(c => c.State is "active" or "used").Sum(c => c.Amount), credits);
    }

    /// <summary>The balances of the tenant's wallets (of one consumer when given), by consumer and currency.</summary>
    public async Task<IReadOnlyList<WalletBalance>> BalancesAsync(Guid tenantId, Guid? consumerId, CancellationToken cancellationToken = default) =>
        await BalancesOfAsync(tenantId, await ListAsync(tenantId, consumerId, cancellationToken), cancellationToken);

    /// <summary>How many wallets the tenant has (of one consumer when given).</summary>
    public async Task<int> CountAsync(Guid tenantId, Guid? consumerId = null, CancellationToken cancellationToken = default) =>
        await dataSource.CountAsync("SELECT count(*) FROM wallets WHERE tenant_id = $1 AND ($2::uuid IS NULL OR consumer_id = $2)", cancellationToken,
            tenantId, (object?)consumerId ?? DBNull.Value);

    /// <summary>
    /// One page of the tenant's wallets (of one consumer when given) with their balances, by consumer code, then
    /// currency. Only the page's wallets are read and their pending usage rated, which is what a balance costs.
    /// </summary>
    public async Task<IReadOnlyList<WalletBalance>> BalancePageAsync(Guid tenantId, Guid? consumerId, int offset, int limit,
        CancellationToken cancellationToken = default)
    {
        var wallets = await dataSource.ListAsync($"""
            SELECT {WalletLedger.WalletColumns} FROM wallets w WHERE tenant_id = $1 AND ($2::uuid IS NULL OR consumer_id = $2)
            ORDER BY (SELECT c.code FROM consumers c WHERE c.id = w.consumer_id) COLLATE "C", currency COLLATE "C", id
            OFFSET $3 LIMIT $4
            """, WalletLedger.ReadWallet, cancellationToken, tenantId, (object?)consumerId ?? DBNull.Value, Math.Max(0, offset), Math.Max(1, limit));
        return await BalancesOfAsync(tenantId, wallets, cancellationToken);
    }

    private async Task<IReadOnlyList<WalletBalance>> BalancesOfAsync(Guid tenantId, IEnumerable<Wallet> wallets, CancellationToken cancellationToken)
    {
        var balances = new List<WalletBalance>();
        foreach (var wallet in wallets)
        {
            if (await BalanceAsync(tenantId, wallet.Id, cancellationToken) is { } balance)
            {
                balances.Add(balance);
            }
        }

        return balances;
    }

    /// <summary>The wallet's blocks of credit in the order invoices consume them.</summary>
    public async Task<IReadOnlyList<WalletCredit>> CreditsAsync(Guid tenantId, Guid walletId, CancellationToken cancellationToken = default) =>
        await dataSource.ListAsync("""
            SELECT c.id, c.wallet_id, c.kind, c.amount, coalesce(sum(l.amount), 0), c.priority, c.expires_at, c.reference, c.created_by, c.created_at,
                coalesce(bool_or(l.entry = 'voided'), false), coalesce(bool_or(l.entry = 'expired'), false)
            FROM wallet_credits c LEFT JOIN wallet_ledger l ON l.credit_id = c.id
            WHERE c.tenant_id = $1 AND c.wallet_id = $2
            GROUP BY c.id ORDER BY c.priority, c.expires_at NULLS LAST, c.created_at, c.id
            """, ReadCredit, cancellationToken, tenantId, walletId);

    /// <summary>
    /// Adds a top-up or a grant: a block of credit with its priority and optional expiry, funded by one ledger
    /// entry. Null when the tenant has no such wallet.
    /// </summary>
    public async Task<WalletCredit?> AddCreditAsync(Guid tenantId, Guid walletId, WalletCreditRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Kind is not (WalletCredit.TopUp or WalletCredit.Grant))
        {
            throw new CatalogValidationException("kind", $"'{request.Kind}' is not a kind of credit: use '{WalletCredit.TopUp}' (bought) or '{WalletCredit.Grant}' (given).");
        }

        var now = clock.GetUtcNow();
        if (request.ExpiresAt is { } expiry && expiry <= now)
        {
            throw new CatalogValidationException("expiresAt", $"is {expiry:O}, which is not in the future (now {now:O}).");
        }

        if (request.Priority is < 0 or > 1000)
        {
            throw new CatalogValidationException("priority", $"is {request.Priority}; use 0 to 1000 (lower numbers are consumed first).");
        }

        if ((request.Reference ?? string.Empty).Length > 200)
        {
            throw new CatalogValidationException("reference", "is at most 200 characters.");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await WalletLedger.LockAsync(transaction, tenantId, walletId, cancellationToken) is not { } wallet)
        {
            return null;
        }

        WalletRules.RequireAmount(request.Amount, Currency.Find(wallet.Currency)!, "amount");
        var credit = await WalletLedger.FundAsync(transaction, tenantId, wallet.Id, request.Kind, request.Amount!.Value, request.Priority ?? WalletCredit.DefaultPriority,
            request.ExpiresAt?.ToUniversalTime(), request.Reference?.Trim() ?? string.Empty, audit.ActorName, null, now, cancellationToken);
        await audit.RecordAsync(transaction, tenantId, $"wallet.{request.Kind}", "wallet", walletId, null, credit, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return credit;
    }

    /// <summary>
    /// Voids what is left of a block (a grant given by mistake, a top-up refunded). Null when the tenant has no such
    /// wallet or block.
    /// </summary>
    public async Task<WalletCredit?> VoidCreditAsync(Guid tenantId, Guid walletId, Guid creditId, string? reason, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 200)
        {
            throw new CatalogValidationException("reason", "is required (why the credit is taken back), at most 200 characters.");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await WalletLedger.LockAsync(transaction, tenantId, walletId, cancellationToken) is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        await WalletLedger.ExpireAsync(transaction, tenantId, walletId, now, cancellationToken);
        var before = (await CreditsAsync(tenantId, walletId, cancellationToken)).FirstOrDefault(c => c.Id == creditId);
        if (before is null)
        {
            return null;
        }

        if (before.State != "active")
        {
            throw new CatalogValidationException("credit", $"this credit is {before.State}; only credit with something left can be voided.");
        }

        await WalletLedger.AppendAsync(transaction, tenantId, walletId, creditId, LedgerEntry.Voided, -before.Remaining, null, $"voided: {reason.Trim()}", now,
            cancellationToken);
        var after = before with { Remaining = 0, State = "voided" };
        await audit.RecordAsync(transaction, tenantId, "wallet.credit_voided", "wallet", walletId, before, new { Credit = after, Reason = reason.Trim() },
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return after;
    }

    /// <summary>The wallet's ledger, newest first, with the balance after each entry; <paramref name="before"/> pages back.</summary>
    public async Task<IReadOnlyList<LedgerEntry>> LedgerAsync(Guid tenantId, Guid walletId, long? before, int limit, CancellationToken cancellationToken = default) =>
        await dataSource.ListAsync("""
            SELECT id, credit_id, entry, amount, balance, invoice_id, description, occurred_at FROM (
                SELECT id, credit_id, entry, amount, sum(amount) OVER (ORDER BY id) AS balance, invoice_id, description, occurred_at
                FROM wallet_ledger WHERE tenant_id = $1 AND wallet_id = $2) entries
            WHERE $3::bigint IS NULL OR id < $3
            ORDER BY id DESC LIMIT $4
            """, r => new LedgerEntry(r.GetInt64(0), r.GetGuid(1), r.GetString(2), r.GetDecimal(3), r.GetDecimal(4), r.IsDBNull(5) ? null : r.GetGuid(5),
                r.GetString(6), r.GetFieldValue<DateTimeOffset>(7)),
            cancellationToken, tenantId, walletId, (object?)before ?? DBNull.Value, Math.Clamp(limit, 1, MaxLedgerPage));

    /// <summary>
    /// Recharges the wallet while its ongoing balance (<paramref name="pending"/> usage taken off) is below its
    /// threshold and the month's maximum allows; returns the credits added. The credit is not paid for yet, so the
    /// same transaction raises an <c>auto_recharge</c> alert: its signed webhook tells the payment system what to charge.
    /// </summary>
    internal async Task<IReadOnlyList<WalletCredit>> RechargeAsync(Guid tenantId, Guid walletId, decimal pending, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var monthStart = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await WalletLedger.LockAsync(transaction, tenantId, walletId, cancellationToken) is not { Settings.RechargesAutomatically: true } wallet)
        {
            return [];
        }

        await WalletLedger.ExpireAsync(transaction, tenantId, walletId, now, cancellationToken);
        var (below, amount, monthlyMax) = (wallet.Settings.RechargeBelow!.Value, wallet.Settings.RechargeAmount!.Value, wallet.Settings.RechargeMonthlyMax!.Value);
        var figures = (await transaction.ListAsync("""
            SELECT (SELECT coalesce(sum(amount), 0) FROM wallet_ledger WHERE wallet_id = $1),
                   (SELECT coalesce(sum(amount), 0) FROM wallet_credits WHERE wallet_id = $1 AND kind = 'auto_recharge' AND created_at >= $2)
            """, r => (Balance: r.GetDecimal(0), Recharged: r.GetDecimal(1)), cancellationToken, walletId, monthStart)).Single();
        var (ongoing, recharged) = (figures.Balance - pending, figures.Recharged);
        var (added, ongoingBefore) = (new List<WalletCredit>(), ongoing);
        while (ongoing < below && recharged + amount <= monthlyMax)
        {
            var reference = string.Create(CultureInfo.InvariantCulture, $"balance {ongoing} {wallet.Currency} after pending usage was below {below}");
            added.Add(await WalletLedger.FundAsync(transaction, tenantId, wallet.Id, WalletCredit.AutoRecharge, amount, WalletCredit.DefaultPriority, null, reference,
                "auto-recharge", null, now, cancellationToken));
            ongoing += amount;
            recharged += amount;
            await audit.RecordAsync(transaction, tenantId, "wallet.auto_recharge", "wallet", walletId, null, added[^1], cancellationToken);
        }

        if (added.Count > 0)
        {
            await alerts.RaiseAsync(transaction, tenantId, RechargeAlert(wallet, ongoingBefore, added, recharged, monthStart), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    /// <summary>Writes off expired credit in every wallet that has some; returns the wallets changed.</summary>
    internal async Task<IReadOnlyList<(Guid TenantId, Wallet Wallet)>> ExpireDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = await dataSource.ListAsync("""
            SELECT DISTINCT c.tenant_id, c.wallet_id FROM wallet_credits c
            WHERE c.expires_at <= $1 AND (SELECT sum(l.amount) FROM wallet_ledger l WHERE l.credit_id = c.id) > 0
            """, r => (Tenant: r.GetGuid(0), Wallet: r.GetGuid(1)), cancellationToken, now);
        var changed = new List<(Guid, Wallet)>();
        foreach (var (tenantId, walletId) in due)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (await WalletLedger.LockAsync(transaction, tenantId, walletId, cancellationToken) is { } wallet
                && await WalletLedger.ExpireAsync(transaction, tenantId, walletId, now, cancellationToken) > 0)
            {
                changed.Add((tenantId, wallet));
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return changed;
    }

    private static Currency RequireCurrency(string? code) =>
        Currency.Find(code?.Trim().ToUpperInvariant() ?? string.Empty)
        ?? throw new CatalogValidationException("currency", $"'{code}' is not an ISO 4217 currency code (such as EUR, USD, JPY).");

    private static object[] SettingValues(WalletSettings settings) =>
        [.. new[] { settings.LowBalanceAmount, settings.LowBalancePercent, settings.RechargeBelow, settings.RechargeAmount, settings.RechargeMonthlyMax }
            .Select(v => (object?)v ?? DBNull.Value)];

    private WalletCredit ReadCredit(NpgsqlDataReader r)
    {
        var (remaining, expiresAt) = (r.GetDecimal(4), r.IsDBNull(6) ? (DateTimeOffset?)null : r.GetFieldValue<DateTimeOffset>(6));
        var state = r.GetBoolean(10) ? "voided"
            : r.GetBoolean(11) || (expiresAt <= clock.GetUtcNow() && remaining > 0) ? "expired"
            : remaining == 0 ? "used"
            : "active";
        return new WalletCredit(r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetDecimal(3), remaining, r.GetInt32(5), expiresAt, r.GetString(7), r.GetString(8),
            r.GetFieldValue<DateTimeOffset>(9), state);
    }

    // One alert per recharge: its id is the payment system's idempotency key, its amount (Observed) what to charge.
    // Its period is the calendar month and its threshold the month's recharged total after it, which only grows within
    // the month: two recharges never share the alert's unique key, however close together.
    private static AlertCandidate RechargeAlert(Wallet wallet, decimal ongoing, List<WalletCredit> added, decimal rechargedThisMonth, DateTimeOffset monthStart)
    {
        var (settings, total) = (wallet.Settings, added.Sum(c => c.Amount));
        return new AlertCandidate(wallet.ConsumerId, null, Alert.AutoRechargeKind, wallet.Currency, rechargedThisMonth, monthStart, monthStart.AddMonths(1),
            total, settings.RechargeMonthlyMax, string.Create(CultureInfo.InvariantCulture,
                $"Prepaid credit recharged automatically: {total} {wallet.Currency} added ({added.Count} × {settings.RechargeAmount}) because {ongoing} {wallet.Currency} was left after usage not yet invoiced, below {settings.RechargeBelow}. Recharged this month: {rechargedThisMonth} of at most {settings.RechargeMonthlyMax}. To be charged to the consumer's payment method."));
    }
}
