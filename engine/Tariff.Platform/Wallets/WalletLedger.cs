using Npgsql;
using Tariff.Platform.Database;

namespace Tariff.Platform.Wallets;

/// <summary>
/// The statements that change a wallet's balance, each inside the caller's transaction and after
/// locking the wallet: its row is locked first, so two changes of one wallet (an invoice finalizing, a
/// top-up, an expiry sweep, a recharge) never read the same remaining credit.
/// </summary>
internal static class WalletLedger
{
    public const string WalletColumns =
        "id, consumer_id, currency, low_balance_amount, low_balance_percent, recharge_below, recharge_amount, recharge_monthly_max, created_at, updated_at";

    /// <summary>Locks and reads the wallet; null when the tenant has no such wallet.</summary>
    public static async Task<Wallet?> LockAsync(NpgsqlTransaction transaction, Guid tenantId, Guid walletId, CancellationToken cancellationToken) =>
        (await transaction.ListAsync($"SELECT {WalletColumns} FROM wallets WHERE tenant_id = $1 AND id = $2 FOR UPDATE", ReadWallet, cancellationToken,
            tenantId, walletId)).SingleOrDefault();

    /// <summary>Locks and reads the consumer's wallet in <paramref name="currency"/>; null when it has none.</summary>
    public static async Task<Wallet?> LockAsync(NpgsqlTransaction transaction, Guid tenantId, Guid consumerId, string currency,
        CancellationToken cancellationToken) =>
        (await transaction.ListAsync($"SELECT {WalletColumns} FROM wallets WHERE tenant_id = $1 AND consumer_id = $2 AND currency = $3 FOR UPDATE",
            ReadWallet, cancellationToken, tenantId, consumerId, currency)).SingleOrDefault();

    /// <summary>Appends one entry.</summary>
    public static Task AppendAsync(NpgsqlTransaction transaction, Guid tenantId, Guid walletId, Guid creditId, string entry, decimal amount, Guid? invoiceId,
        string description, DateTimeOffset at, CancellationToken cancellationToken) =>
        transaction.ExecuteAsync("""
            INSERT INTO wallet_ledger (tenant_id, wallet_id, credit_id, entry, amount, invoice_id, description, occurred_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """, cancellationToken, tenantId, walletId, creditId, entry, amount, (object?)invoiceId ?? DBNull.Value, description, at);

    /// <summary>
    /// Writes off what is left of every block whose expiry has come by <paramref name="now"/>; returns the amount.
    /// </summary>
    public static async Task<decimal> ExpireAsync(NpgsqlTransaction transaction, Guid tenantId, Guid walletId, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var due = await transaction.ListAsync("""
            SELECT c.id, sum(l.amount), c.expires_at FROM wallet_credits c JOIN wallet_ledger l ON l.credit_id = c.id
            WHERE c.wallet_id = $1 AND c.expires_at <= $2
            GROUP BY c.id HAVING sum(l.amount) > 0
            ORDER BY c.expires_at, c.id
            """, r => (Credit: r.GetGuid(0), Remaining: r.GetDecimal(1), ExpiresAt: r.GetFieldValue<DateTimeOffset>(2)), cancellationToken, walletId, now);
        foreach (var block in due)
        {
            // Dated when the block expired, not when this sweep noticed, so the ledger reads in the order things happened.
            await AppendAsync(transaction, tenantId, walletId, block.Credit, LedgerEntry.Expired, -block.Remaining, null,
                $"expired {block.ExpiresAt:yyyy-MM-dd HH:mm} UTC", block.ExpiresAt, cancellationToken);
        }

        return due.Sum(b => b.Remaining);
    }

    /// <summary>
    /// Consumes up to <paramref name="amount"/> for an invoice from the blocks in force at <paramref name="now"/>, lowest
    /// priority number first, then the block expiring soonest, then the oldest; returns the amount consumed.
    /// </summary>
    public static async Task<decimal> ConsumeAsync(NpgsqlTransaction transaction, Guid tenantId, Guid walletId, decimal amount, Guid invoiceId,
        string description, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await ExpireAsync(transaction, tenantId, walletId, now, cancellationToken);
        var open = await transaction.ListAsync("""
            SELECT c.id, sum(l.amount) FROM wallet_credits c JOIN wallet_ledger l ON l.credit_id = c.id
            WHERE c.wallet_id = $1 AND (c.expires_at IS NULL OR c.expires_at > $2)
            GROUP BY c.id HAVING sum(l.amount) > 0
            ORDER BY c.priority, c.expires_at NULLS LAST, c.created_at, c.id
            """, r => (Credit: r.GetGuid(0), Remaining: r.GetDecimal(1)), cancellationToken, walletId, now);
        var left = amount;
        foreach (var block in open)
        {
            if (left <= 0)
            {
                break;
            }

            var taken = Math.Min(left, block.Remaining);
            await AppendAsync(transaction, tenantId, walletId, block.Credit, LedgerEntry.Consumed, -taken, invoiceId, description, now, cancellationToken);
            left -= taken;
        }

        return amount - left;
    }

    /// <summary>
    /// Adds a block of credit and its <c>funded</c> entry. <paramref name="sourceInvoiceId"/> names the credit note or
    /// voided invoice that returned a <c>refund</c> (null for every other kind).
    /// </summary>
    public static async Task<WalletCredit> FundAsync(NpgsqlTransaction transaction, Guid tenantId, Guid walletId, string kind, decimal amount, int priority,
        DateTimeOffset? expiresAt, string reference, string createdBy, Guid? sourceInvoiceId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var credit = new WalletCredit(Guid.CreateVersion7(), walletId, kind, amount, amount, priority, expiresAt, reference, createdBy, now, "active");
        await transaction.ExecuteAsync("""
            INSERT INTO wallet_credits (id, tenant_id, wallet_id, kind, amount, priority, expires_at, reference, created_by, created_at, source_invoice_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            """, cancellationToken, credit.Id, tenantId, walletId, kind, amount, priority, (object?)expiresAt ?? DBNull.Value, reference, createdBy, now,
            (object?)sourceInvoiceId ?? DBNull.Value);
        var description = kind switch
        {
            WalletCredit.TopUp => "top-up",
            WalletCredit.Grant => "grant",
            WalletCredit.Refund => "refund",
            _ => "automatic recharge",
        };
        await AppendAsync(transaction, tenantId, walletId, credit.Id, LedgerEntry.Funded, amount, null,
            reference.Length == 0 ? description : $"{description}: {reference}", now, cancellationToken);
        return credit;
    }

    public static Wallet ReadWallet(NpgsqlDataReader r) => new(
        r.GetGuid(0), r.GetGuid(1), r.GetString(2),
        new WalletSettings(Optional(r, 3), Optional(r, 4), Optional(r, 5), Optional(r, 6), Optional(r, 7)),
        r.GetFieldValue<DateTimeOffset>(8), r.GetFieldValue<DateTimeOffset>(9));

    private static decimal? Optional(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDecimal(ordinal);
}
