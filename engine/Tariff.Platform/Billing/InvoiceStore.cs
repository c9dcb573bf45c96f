using Npgsql;
using NpgsqlTypes;
using Tariff.Engine.Evaluation;
using Tariff.Platform.Database;
using Tariff.Platform.Audit;
using Tariff.Platform.Wallets;

namespace Tariff.Platform.Billing;

/// <summary>
/// Invoices, credit notes and debit notes in PostgreSQL. A draft is saved once per subscription and period (the unique index makes
/// a rerun find it instead of making a second), replaced while it is a draft, and frozen when finalized, which takes
/// the tenant's next number in the same transaction: a number is only ever used by a commit, so numbering has no gaps.
/// </summary>
public sealed class InvoiceStore(NpgsqlDataSource dataSource, AuditLog audit, WalletMonitor wallets, TimeProvider clock)
{
    private const string Columns = """
        id, kind, number, consumer_id, subscription_id, plan_id, plan_version, period_start, period_end, currency, rounding, status,
        subtotal, tax, total, tax_rate_code, tax_percent, events, corrects_invoice, reason, grace_ends_at, billing_run_id, created_at, updated_at,
        finalized_at, paid_at, voided_at, credit_applied, in_advance
        """;

    private const string LineColumns =
        "invoice_id, position, kind, description, meter, meter_group, quantity, unit_price, amount, rounded_amount, explanation, corrects_invoice";

    public async Task<Invoice?> FindAsync(Guid tenantId, Guid invoiceId, CancellationToken cancellationToken = default) =>
        (await ReadAsync($"SELECT {Columns} FROM invoices WHERE tenant_id = $1 AND id = $2", cancellationToken, tenantId, invoiceId)).SingleOrDefault();

    /// <summary>The name invoices are issued under: the tenant's.</summary>
    public async Task<string> IssuerAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        (await dataSource.ListAsync("SELECT name FROM tenants WHERE id = $1", r => r.GetString(0), cancellationToken, tenantId)).SingleOrDefault() ?? string.Empty;

    /// <summary>The tenant's invoices matching <paramref name="query"/>, oldest period first (<see cref="InvoiceOrder.Oldest"/>).</summary>
    public async Task<IReadOnlyList<Invoice>> ListAsync(Guid tenantId, InvoiceQuery query, CancellationToken cancellationToken = default) =>
        await ReadAsync($"SELECT {Columns} FROM invoices i WHERE {Matching} ORDER BY {OrderBy(InvoiceOrder.Oldest)}", cancellationToken,
            MatchingValues(tenantId, query));

    /// <summary>How many of the tenant's invoices match <paramref name="query"/>.</summary>
    public async Task<int> CountAsync(Guid tenantId, InvoiceQuery query, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT count(*) FROM invoices i WHERE {Matching}");
        command.Parameters.AddRange(MatchingValues(tenantId, query));
        return (int)(long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// <paramref name="limit"/> of the tenant's invoices matching <paramref name="query"/> from <paramref name="offset"/>
    /// in <paramref name="order"/>: the database sorts and pages, and reads the lines of that page only.
    /// </summary>
    public async Task<IReadOnlyList<Invoice>> PageAsync(Guid tenantId, InvoiceQuery query, InvoiceOrder order, int offset, int limit,
        CancellationToken cancellationToken = default) =>
        await ReadAsync($"SELECT {Columns} FROM invoices i WHERE {Matching} ORDER BY {OrderBy(order)} OFFSET {Math.Max(0, offset)} LIMIT {Math.Max(0, limit)}",
            cancellationToken, MatchingValues(tenantId, query));

    // Each order ends on the id, so that a page boundary falls in the same place on every request.
    private static string OrderBy(InvoiceOrder order) => order switch
    {
        InvoiceOrder.Number => "i.number IS NULL, i.number COLLATE \"C\" DESC, i.id",
        InvoiceOrder.Consumer => "(SELECT c.code FROM consumers c WHERE c.id = i.consumer_id) COLLATE \"C\", i.period_start DESC, i.id",
        InvoiceOrder.Total => "i.total DESC, i.id",
        InvoiceOrder.Oldest => "i.period_start, i.created_at, i.number, i.id",
        _ => "i.period_start DESC, i.created_at DESC, i.id",
    };

    /// <summary>The credit and debit notes issued against <paramref name="invoiceId"/>, oldest first.</summary>
    public async Task<IReadOnlyList<Invoice>> NotesOfAsync(Guid tenantId, Guid invoiceId, CancellationToken cancellationToken = default) =>
        await ReadAsync($"SELECT {Columns} FROM invoices WHERE tenant_id = $1 AND corrects_invoice = $2 ORDER BY created_at, number",
            cancellationToken, tenantId, invoiceId);

    /// <summary>
    /// Saves <paramref name="draft"/> as the invoice of its subscription and period: new, or replacing the draft there.
    /// An invoice already finalized there is returned unchanged, with <c>Saved</c> false.
    /// </summary>
    public async Task<(Invoice Invoice, bool Saved)> SaveDraftAsync(Guid tenantId, Invoice draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var existing = (await ReadAsync(connection, transaction, $"""
            SELECT {Columns} FROM invoices
            WHERE tenant_id = $1 AND subscription_id = $2 AND period_start = $3 AND in_advance = $4 AND kind = 'invoice' FOR UPDATE
            """, cancellationToken, tenantId, draft.SubscriptionId, draft.Period.Start, draft.InAdvance)).SingleOrDefault();
        if (existing is { Status: not "draft" })
        {
            return (existing, false);
        }

        var now = clock.GetUtcNow();
        var saved = draft with { Id = existing?.Id ?? draft.Id, Status = "draft", Number = null, CreatedAt = existing?.CreatedAt ?? now, UpdatedAt = now };
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (existing is null)
        {
            // A concurrent run may insert the same invoice first: the statement then waits for it and does nothing,
            // and the caller's retry finds that invoice.
            batch.BatchCommands.Add(Insert(tenantId, saved, "ON CONFLICT (subscription_id, period_start, in_advance) WHERE kind = 'invoice' DO NOTHING"));
        }
        else
        {
            batch.BatchCommands.Add(NpgsqlQueries.BatchCommand("""
                UPDATE invoices SET plan_version = $3, period_end = $4, currency = $5, rounding = $6, subtotal = $7, tax = $8, total = $9,
                    tax_rate_code = $10, tax_percent = $11, events = $12, grace_ends_at = $13, billing_run_id = $14, updated_at = $15
                WHERE tenant_id = $1 AND id = $2
                """, tenantId, saved.Id, saved.PlanVersion, saved.Period.End, saved.Currency, saved.Rounding, saved.Subtotal, saved.Tax, saved.Total,
                (object?)saved.TaxRateCode ?? DBNull.Value, (object?)saved.TaxPercent ?? DBNull.Value, saved.Events, saved.GraceEndsAt,
                (object?)saved.BillingRunId ?? DBNull.Value, now));
            batch.BatchCommands.Add(NpgsqlQueries.BatchCommand("DELETE FROM invoice_lines WHERE invoice_id = $1", saved.Id));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        if (existing is null && batch.BatchCommands[0].RecordsAffected == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return await SaveDraftAsync(tenantId, draft, cancellationToken);
        }

        await InsertLinesAsync(connection, transaction, saved, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (saved, true);
    }

    /// <summary>Finalizes a draft: it takes the next number and never changes again. Null when this tenant has no such invoice.</summary>
    public async Task<Invoice?> FinalizeAsync(Guid tenantId, Guid invoiceId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var invoice = await LockAsync(connection, transaction, tenantId, invoiceId, cancellationToken);
        if (invoice is null)
        {
            return null;
        }

        if (invoice.Status != "draft")
        {
            throw new InvoiceStateException($"invoice {invoice.Number} is already {invoice.Status}.");
        }

        var finalized = await FinalizeLockedAsync(connection, transaction, tenantId, invoice, cancellationToken);
        await audit.RecordAsync(transaction, tenantId, "invoice.finalized", "invoice", invoiceId, Summary(invoice), Summary(finalized), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (finalized.CreditApplied > 0)
        {
            wallets.Notice(tenantId, finalized.ConsumerId);
        }

        return finalized;
    }

    /// <summary>Records payment of a finalized invoice.</summary>
    public Task<Invoice?> MarkPaidAsync(Guid tenantId, Guid invoiceId, CancellationToken cancellationToken = default) =>
        SettleAsync(tenantId, invoiceId, "paid", "paid_at", cancellationToken);

    /// <summary>Voids a finalized invoice: it keeps its number (numbering has no gaps) and is no longer owed.</summary>
    public Task<Invoice?> VoidAsync(Guid tenantId, Guid invoiceId, CancellationToken cancellationToken = default) =>
        SettleAsync(tenantId, invoiceId, "void", "voided_at", cancellationToken);

    /// <summary>
    /// Issues a finalized credit note against <paramref name="corrected"/> with <paramref name="lines"/> (negative
    /// amounts) and tax at the corrected invoice's rate.
    /// </summary>
    public async Task<Invoice> IssueCreditNoteAsync(Guid tenantId, Invoice corrected, IReadOnlyList<InvoiceLine> lines, string reason, Guid? billingRunId,
        CancellationToken cancellationToken = default) =>
        (await IssueNoteAsync(tenantId, InvoiceKinds.CreditNote, corrected, lines, reason, billingRunId, null, cancellationToken))!;

    /// <summary>
    /// Issues a billing run's correction of <paramref name="corrected"/>'s usage as a finalized note of
    /// <paramref name="kind"/> (a credit note for less usage, a debit note for more), unless the finalized corrections
    /// of that invoice are no longer <paramref name="correctedSoFar"/>: then another run corrected it first, and this
    /// returns null. That check and the insert hold the corrected invoice's lock, so the same usage is never corrected twice.
    /// </summary>
    public Task<Invoice?> IssueCorrectionAsync(Guid tenantId, string kind, Invoice corrected, IReadOnlyList<InvoiceLine> lines, string reason,
        Guid billingRunId, decimal correctedSoFar, CancellationToken cancellationToken = default) =>
        IssueNoteAsync(tenantId, kind, corrected, lines, reason, billingRunId, correctedSoFar, cancellationToken);

    /// <summary>
    /// What billing runs have already corrected <paramref name="invoiceId"/>'s usage by, in finalized documents: true-up
    /// lines, debit notes and usage-removed credit notes, before tax. Drafts do not count: the run that rebuilds them
    /// decides their true-ups afresh. Credit notes issued by hand (no billing run) do not count either: they are a
    /// concession, not usage, and the next run must not bill them back as late usage.
    /// </summary>
    public async Task<decimal> CorrectionsAsync(Guid invoiceId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await CorrectionsAsync(connection, null, invoiceId, cancellationToken);
    }

    private static async Task<decimal> CorrectionsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid invoiceId,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT coalesce(sum(l.rounded_amount), 0) FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
            WHERE l.corrects_invoice = $1 AND l.kind <> 'tax' AND i.status IN ('finalized', 'paid') AND i.billing_run_id IS NOT NULL
            """, connection, transaction);
        command.Parameters.AddWithValue(invoiceId);
        return (decimal)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task<Invoice?> IssueNoteAsync(Guid tenantId, string kind, Invoice corrected, IReadOnlyList<InvoiceLine> lines, string reason,
        Guid? billingRunId, decimal? correctedSoFar, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(corrected);
        ArgumentNullException.ThrowIfNull(lines);
        if (kind is not (InvoiceKinds.CreditNote or InvoiceKinds.DebitNote))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "a note is a credit_note or a debit_note.");
        }

        var now = clock.GetUtcNow();
        var note = InvoiceTotals.Complete(corrected with
        {
            Id = Guid.NewGuid(), Kind = kind, Number = null, Status = "draft", CorrectsInvoice = corrected.Id, Reason = reason, Events = 0,
            BillingRunId = billingRunId, CreatedAt = now, UpdatedAt = now, FinalizedAt = null, PaidAt = null, VoidedAt = null, CreditApplied = 0,
            InAdvance = false, Lines = [.. lines.Select(l => l with { CorrectsInvoice = corrected.Id })],
        }, corrected.TaxRateCode is { } code ? new TaxRate(code, TaxNameOn(corrected) ?? code, corrected.TaxPercent ?? 0, false) : null);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The state is checked under the corrected invoice's lock, which also makes the documents correcting it take turns.
        var current = await LockAsync(connection, transaction, tenantId, corrected.Id, cancellationToken) ?? corrected;
        if (current.Status is "draft" or "void" || current.Kind != InvoiceKinds.Invoice)
        {
            throw new InvoiceStateException($"only a finalized or paid invoice takes a {InvoiceKinds.Title(kind).ToLowerInvariant()}; this one is a {current.Status} {current.Kind}.");
        }

        if (correctedSoFar is { } expected && await CorrectionsAsync(connection, transaction, corrected.Id, cancellationToken) != expected)
        {
            return null;
        }

        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            batch.BatchCommands.Add(Insert(tenantId, note, string.Empty));
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        await InsertLinesAsync(connection, transaction, note, cancellationToken);
        var issued = await FinalizeLockedAsync(connection, transaction, tenantId, note, cancellationToken);
        await audit.RecordAsync(transaction, tenantId, kind == InvoiceKinds.CreditNote ? "invoice.credited" : "invoice.debited", "invoice", corrected.Id,
            Summary(corrected), new { Note = Summary(issued), Reason = reason }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (issued.CreditApplied > 0)
        {
            wallets.Notice(tenantId, issued.ConsumerId);
        }

        return issued;
    }

    private async Task<Invoice?> SettleAsync(Guid tenantId, Guid invoiceId, string status, string column, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await LockAsync(connection, transaction, tenantId, invoiceId, cancellationToken) is not { } invoice)
        {
            return null;
        }

        if (invoice.Status != "finalized")
        {
            throw new InvoiceStateException(invoice.Status == "draft"
                ? "a draft cannot be paid or voided; finalize it first (or leave it: drafts owe nothing)."
                : $"invoice {invoice.Number} is already {invoice.Status}.");
        }

        var now = clock.GetUtcNow();
        if (status == "void" && invoice.CreditApplied > 0)
        {
            await ReturnCreditAsync(transaction, tenantId, invoice, invoice.Id, invoice.CreditApplied, invoice.Number!, now, cancellationToken);
        }

        await using (var update = new NpgsqlCommand($"UPDATE invoices SET status = $3, {column} = $4, updated_at = $4 WHERE tenant_id = $1 AND id = $2", connection, transaction))
        {
            update.Parameters.AddWithValue(tenantId);
            update.Parameters.AddWithValue(invoiceId);
            update.Parameters.AddWithValue(status);
            update.Parameters.AddWithValue(now);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        var settled = status == "paid" ? invoice with { Status = status, PaidAt = now, UpdatedAt = now } : invoice with { Status = status, VoidedAt = now, UpdatedAt = now };
        await audit.RecordAsync(transaction, tenantId, status == "paid" ? "invoice.paid" : "invoice.voided", "invoice", invoiceId, Summary(invoice), Summary(settled),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return settled;
    }

    // What the audit log keeps of an invoice: enough to see the change; the lines stay on the invoice, which never changes once final.
    private static object Summary(Invoice invoice) =>
        new { invoice.Kind, invoice.Number, invoice.Status, invoice.Currency, invoice.Subtotal, invoice.Tax, invoice.Total, invoice.CreditApplied, invoice.ConsumerId, invoice.Period };

    // An invoice or debit note with something to pay consumes the consumer's prepaid credit in its currency, in
    // the same transaction; one that credit pays in full is paid at once.
    private async Task<Invoice> FinalizeLockedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid tenantId, Invoice invoice,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var number = new NpgsqlCommand("""
            INSERT INTO invoice_sequences AS s (tenant_id, kind, last_number) VALUES ($1, $2, 1)
            ON CONFLICT (tenant_id, kind) DO UPDATE SET last_number = s.last_number + 1
            RETURNING last_number
            """, connection, transaction);
        number.Parameters.AddWithValue(tenantId);
        number.Parameters.AddWithValue(invoice.Kind);
        var taken = (long)(await number.ExecuteScalarAsync(cancellationToken))!;
        var text = $"{InvoiceKinds.NumberPrefix(invoice.Kind)}-{taken:D6}";
        var credit = 0m;
        if (InvoiceKinds.Charges(invoice.Kind) && invoice.Total > 0
            && await WalletLedger.LockAsync(transaction, tenantId, invoice.ConsumerId, invoice.Currency, cancellationToken) is { } wallet)
        {
            credit = await WalletLedger.ConsumeAsync(transaction, tenantId, wallet.Id, invoice.Total, invoice.Id, $"invoice {text}", now, cancellationToken);
        }
        else if (invoice.Kind == InvoiceKinds.CreditNote && invoice.CorrectsInvoice is { } corrected && invoice.Total < 0)
        {
            // Recorded negative: what the note returned to the wallet rather than owes in money.
            credit = -await ReturnCreditAsync(transaction, tenantId, invoice, corrected, -invoice.Total, text, now, cancellationToken);
        }

        var paid = credit > 0 && credit == invoice.Total;
        await transaction.ExecuteAsync("""
            UPDATE invoices SET status = $3, number = $4, finalized_at = $5, updated_at = $5, credit_applied = $6, paid_at = CASE WHEN $7 THEN $5 END
            WHERE tenant_id = $1 AND id = $2
            """, cancellationToken, tenantId, invoice.Id, paid ? "paid" : "finalized", text, now, credit, paid);
        return invoice with { Status = paid ? "paid" : "finalized", Number = text, FinalizedAt = now, UpdatedAt = now, PaidAt = paid ? now : null, CreditApplied = credit };
    }

    /// <summary>
    /// Returns to the consumer's wallet up to <paramref name="upTo"/> of what prepaid credit paid of invoice
    /// <paramref name="paidInvoiceId"/>, less what its credit notes already returned; <paramref name="document"/> (a credit
    /// note, or the invoice being voided) is the refund's source. Returns the amount. Credit comes back first: the rest
    /// of a credit note is owed in money, as the invoice was paid.
    /// </summary>
    private static async Task<decimal> ReturnCreditAsync(NpgsqlTransaction transaction, Guid tenantId, Invoice document, Guid paidInvoiceId, decimal upTo,
        string number, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The wallet's row lock comes first, so two documents returning credit of one invoice never both see it unreturned.
        if (await WalletLedger.LockAsync(transaction, tenantId, document.ConsumerId, document.Currency, cancellationToken) is not { } wallet)
        {
            return 0;
        }

        var returnable = (await transaction.ListAsync("""
            SELECT p.credit_applied + coalesce((SELECT sum(n.credit_applied) FROM invoices n
                                                WHERE n.corrects_invoice = p.id AND n.kind = 'credit_note' AND n.status <> 'draft'), 0)
            FROM invoices p WHERE p.tenant_id = $1 AND p.id = $2
            """, r => r.GetDecimal(0), cancellationToken, tenantId, paidInvoiceId)).Single();
        var amount = Math.Min(upTo, returnable);
        if (amount > 0)
        {
            // A refund never expires and takes the default priority, whatever the blocks it came from.
            await WalletLedger.FundAsync(transaction, tenantId, wallet.Id, WalletCredit.Refund, amount, WalletCredit.DefaultPriority, null, number, "billing",
                document.Id, now, cancellationToken);
        }

        return Math.Max(amount, 0);
    }

    private static async Task<Invoice?> LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid tenantId, Guid invoiceId,
        CancellationToken cancellationToken) =>
        (await ReadAsync(connection, transaction, $"SELECT {Columns} FROM invoices WHERE tenant_id = $1 AND id = $2 FOR UPDATE",
            cancellationToken, tenantId, invoiceId)).SingleOrDefault();

    // A note taxes at the corrected invoice's rate, under the name that invoice printed (the rate may be renamed since).
    private static string? TaxNameOn(Invoice invoice) => invoice.Lines.FirstOrDefault(l => l.Kind == InvoiceLine.TaxKind)?.Description;

    private static NpgsqlBatchCommand Insert(Guid tenantId, Invoice invoice, string onConflict) => NpgsqlQueries.BatchCommand($"""
        INSERT INTO invoices (tenant_id, id, kind, number, consumer_id, subscription_id, plan_id, plan_version, period_start, period_end, currency,
            rounding, status, subtotal, tax, total, tax_rate_code, tax_percent, events, corrects_invoice, reason, grace_ends_at, billing_run_id,
            created_at, updated_at, in_advance)
        VALUES ($1, $2, $3, NULL, $4, $5, $6, $7, $8, $9, $10, $11, 'draft', $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $22, $23)
        {onConflict}
        """, tenantId, invoice.Id, invoice.Kind, invoice.ConsumerId, invoice.SubscriptionId, invoice.PlanId, invoice.PlanVersion, invoice.Period.Start,
        invoice.Period.End, invoice.Currency, invoice.Rounding, invoice.Subtotal, invoice.Tax, invoice.Total, (object?)invoice.TaxRateCode ?? DBNull.Value,
        (object?)invoice.TaxPercent ?? DBNull.Value, invoice.Events, (object?)invoice.CorrectsInvoice ?? DBNull.Value, invoice.Reason, invoice.GraceEndsAt,
        (object?)invoice.BillingRunId ?? DBNull.Value, invoice.CreatedAt, invoice.InAdvance);

    private static async Task InsertLinesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Invoice invoice, CancellationToken cancellationToken)
    {
        if (invoice.Lines.Count == 0)
        {
            return;
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var line in invoice.Lines)
        {
            batch.BatchCommands.Add(NpgsqlQueries.BatchCommand($"INSERT INTO invoice_lines ({LineColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                invoice.Id, line.Position, line.Kind, line.Description, (object?)line.Meter ?? DBNull.Value, (object?)line.Group ?? DBNull.Value,
                (object?)line.Quantity ?? DBNull.Value, (object?)line.UnitPrice ?? DBNull.Value, line.Amount, line.RoundedAmount, line.Explanation,
                (object?)line.CorrectsInvoice ?? DBNull.Value));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<List<Invoice>> ReadAsync(string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await ReadAsync(connection, null, sql, cancellationToken, values);
    }

    // Invoices, then all their lines in one more query.
    private static async Task<List<Invoice>> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql,
        CancellationToken cancellationToken, params object[] values)
    {
        List<Invoice> invoices;
        await using (var command = new NpgsqlCommand(sql, connection, transaction))
        {
            foreach (var value in values)
            {
                command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value });
            }

            invoices = await command.ListAsync(ReadInvoice, cancellationToken);
        }

        if (invoices.Count == 0)
        {
            return invoices;
        }

        await using var lines = new NpgsqlCommand($"SELECT {LineColumns} FROM invoice_lines WHERE invoice_id = ANY($1) ORDER BY invoice_id, position",
            connection, transaction);
        lines.Parameters.AddWithValue(invoices.Select(i => i.Id).ToArray());
        var byInvoice = (await lines.ListAsync(reader => (Invoice: reader.GetGuid(0), Line: ReadLine(reader)), cancellationToken))
            .ToLookup(row => row.Invoice, row => row.Line);
        return [.. invoices.Select(i => i with { Lines = [.. byInvoice[i.Id]] })];
    }

    private static Invoice ReadInvoice(NpgsqlDataReader r) => new(
        r.GetGuid(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetGuid(3), r.GetGuid(4), r.GetGuid(5), r.GetInt32(6),
        new UsagePeriod(r.GetFieldValue<DateTimeOffset>(7), r.GetFieldValue<DateTimeOffset>(8)), r.GetString(9), r.GetString(10), r.GetString(11),
        r.GetDecimal(12), r.GetDecimal(13), r.GetDecimal(14), r.IsDBNull(15) ? null : r.GetString(15), r.IsDBNull(16) ? null : r.GetDecimal(16),
        r.GetInt64(17), r.IsDBNull(18) ? null : r.GetGuid(18), r.GetString(19), r.GetFieldValue<DateTimeOffset>(20), r.IsDBNull(21) ? null : r.GetGuid(21),
        r.GetFieldValue<DateTimeOffset>(22), r.GetFieldValue<DateTimeOffset>(23), Optional(r, 24), Optional(r, 25), Optional(r, 26), [])
    {
        CreditApplied = r.GetDecimal(27),
        InAdvance = r.GetBoolean(28),
    };

    private static InvoiceLine ReadLine(NpgsqlDataReader r) => new(
        r.GetInt32(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5),
        r.IsDBNull(6) ? null : r.GetDecimal(6), r.IsDBNull(7) ? null : r.GetDecimal(7), r.GetDecimal(8), r.GetDecimal(9), r.GetString(10),
        r.IsDBNull(11) ? null : r.GetGuid(11));

    private static DateTimeOffset? Optional(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    // The filter of ListAsync, CountAsync and PageAsync, with MatchingValues' parameters.
    private const string Matching = """
        i.tenant_id = $1 AND ($2::uuid IS NULL OR i.consumer_id = $2) AND ($3::uuid IS NULL OR i.subscription_id = $3)
          AND ($4::timestamptz IS NULL OR i.period_end > $4) AND ($5::timestamptz IS NULL OR i.period_start < $5)
          AND ($6::text IS NULL OR i.status = $6) AND ($7::text IS NULL OR i.kind = $7)
        """;

    private static NpgsqlParameter[] MatchingValues(Guid tenantId, InvoiceQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return [new NpgsqlParameter { Value = tenantId }, Param(query.ConsumerId, NpgsqlDbType.Uuid), Param(query.SubscriptionId, NpgsqlDbType.Uuid),
            Param(query.From, NpgsqlDbType.TimestampTz), Param(query.To, NpgsqlDbType.TimestampTz), Param(query.Status, NpgsqlDbType.Text),
            Param(query.Kind, NpgsqlDbType.Text)];
    }

    private static NpgsqlParameter Param<T>(T? value, NpgsqlDbType type) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = type };
}
