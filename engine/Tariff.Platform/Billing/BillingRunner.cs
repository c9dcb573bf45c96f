using System.Globalization;
using Microsoft.Extensions.Logging;
using Npgsql;
using Tariff.Engine.Binding;
using Tariff.Engine.Evaluation;
using Tariff.Engine.Syntax;
using Tariff.Platform.Catalog;
using Tariff.Platform.Database;

namespace Tariff.Platform.Billing;

/// <summary>
/// Bills every period that has ended by a run's instant, subscription by subscription. Each invoice is saved once
/// per subscription and period, so a run stopped half way and started again (or two runs at once) produce each
/// invoice once. A draft is re-rated by every run until its grace period ends, then finalized. Finalized invoices
/// within the late-usage window are re-rated too: more usage becomes a true-up line on the subscription's next
/// draft (or a debit note when no next invoice comes in time), less becomes a credit note; a finalized invoice itself
/// never changes.
/// </summary>
public sealed class BillingRunner(
    BillingRunStore runs, InvoiceStore invoices, InvoiceBuilder builder, SubscriptionService subscriptions, ConsumerService consumers,
    PlanService plans, TaxRateService taxes, NpgsqlDataSource dataSource, BillingOptions options, ILogger<BillingRunner> logger)
{
    /// <summary>Runs billing for a tenant and returns the finished run with its results.</summary>
    public async Task<BillingRun> RunAsync(Guid tenantId, BillingRunRequest request, CancellationToken cancellationToken = default) =>
        await CompleteAsync(tenantId, await StartAsync(tenantId, request, cancellationToken), request, cancellationToken);

    /// <summary>Checks the selection and records the run as started; <see cref="CompleteAsync"/> does the work.</summary>
    public async Task<BillingRun> StartAsync(Guid tenantId, BillingRunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var known = await consumers.FindManyAsync(tenantId, request.ConsumerIds, cancellationToken);
        if (request.ConsumerIds.FirstOrDefault(id => !known.ContainsKey(id)) is var unknownConsumer && unknownConsumer != Guid.Empty)
        {
            throw new CatalogValidationException("consumerIds", $"no consumer {unknownConsumer} in this tenant.");
        }

        var planIds = (await plans.ListAsync(tenantId, cancellationToken)).Select(p => p.Id).ToHashSet();
        if (request.PlanIds.FirstOrDefault(id => !planIds.Contains(id)) is var unknownPlan && unknownPlan != Guid.Empty)
        {
            throw new CatalogValidationException("planIds", $"no plan {unknownPlan} in this tenant.");
        }

        return await runs.StartAsync(tenantId, request, cancellationToken);
    }

    /// <summary>Bills the run's selection and records how it ended.</summary>
    public async Task<BillingRun> CompleteAsync(Guid tenantId, BillingRun run, BillingRunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(request);
        var asOf = run.AsOf;
        var selected = (await subscriptions.ListAsync(tenantId, cancellationToken: cancellationToken))
            .Where(s => s.StartsAt < asOf && (request.ConsumerIds.Count == 0 || request.ConsumerIds.Contains(s.ConsumerId))
                && (request.PlanIds.Count == 0 || request.PlanIds.Contains(s.PlanId)))
            .ToList();
        var successors = await SuccessorsAsync(tenantId, cancellationToken);
        var consumersById = await consumers.FindManyAsync(tenantId, selected.Select(s => s.ConsumerId), cancellationToken);
        var results = new List<BillingRunResult>();
        var failed = 0;
        for (var i = 0; i < selected.Count; i++)
        {
            var subscription = selected[i];
            try
            {
                results.AddRange(await BillAsync(tenantId, run, subscription, consumersById[subscription.ConsumerId], successors.Contains(subscription.Id),
                    cancellationToken));
            }
            catch (Exception exception) when (exception is not OperationCanceledException and not NpgsqlException)
            {
                // One subscription that cannot be billed (its plan no longer compiles, its time zone is gone) must not stop the others.
                failed++;
                logger.LogError(exception, "Billing run {Run} could not bill subscription {Subscription}", run.Id, subscription.Id);
                results.Add(new BillingRunResult(subscription.Id, subscription.ConsumerId, asOf, asOf, "failed", null, null, null, null, null, null,
                    exception.Message, null));
            }

            await runs.ProgressAsync(run.Id, selected.Count, i + 1, cancellationToken);
        }

        return await runs.FinishAsync(tenantId, run.Id, failed == 0 ? "succeeded" : "failed",
            failed == 0 ? null : $"{failed} of {selected.Count} subscription(s) could not be billed; their results say why.", results, cancellationToken);
    }

    private async Task<List<BillingRunResult>> BillAsync(Guid tenantId, BillingRun run, Subscription subscription, Consumer consumer, bool continuesEarlier,
        CancellationToken cancellationToken)
    {
        var version = await plans.FindVersionAsync(tenantId, subscription.PlanId, subscription.PlanVersion, cancellationToken)
            ?? throw new InvalidOperationException($"subscription {subscription.Id} names plan version {subscription.PlanVersion}, which does not exist.");
        var plan = plans.Checked(version).Plan;
        var cycle = plan.Period;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(subscription.TimeZone);
        var consumerInvoices = await invoices.ListAsync(tenantId, new InvoiceQuery(ConsumerId: consumer.Id, Kind: InvoiceKinds.Invoice), cancellationToken);
        var own = consumerInvoices.Where(i => i.SubscriptionId == subscription.Id).ToList();
        var inArrears = own.Where(i => !i.InAdvance).ToList();
        var tax = await taxes.RateForAsync(tenantId, consumer.Id, cancellationToken);
        var results = new List<BillingRunResult>();

        var open = BillingCalendar.DuePeriods(cycle, subscription.BillingAnchor, zone, subscription.StartsAt, subscription.EndsAt, run.AsOf)
            .Where(p => inArrears.FirstOrDefault(i => i.Period.Start == p.Covered.Start) is null or { Status: "draft" })
            .ToList();
        var trueUps = new List<InvoiceLine>();
        var rerated = new HashSet<Guid>();
        foreach (var final in own.Where(i => i.Status is "finalized" or "paid" && i.Period.End > run.AsOf - options.LateUsageWindow))
        {
            rerated.Add(final.Id);
            var whole = BillingCalendar.PeriodContaining(cycle, subscription.BillingAnchor, zone, final.Period.Start);
            // Fees billed in advance were priced for the part of the period the subscription was to cover then; it may
            // cover less now (it ended, or moved to another plan), and the unused part is credited.
            var billed = final.InAdvance ? BillingCalendar.Covering(whole, subscription.StartsAt, subscription.EndsAt) : new BilledPeriod(whole, final.Period);
            var again = await builder.BuildAsync(tenantId, consumer, subscription, version, continuesEarlier, billed, final.InAdvance, final.GraceEndsAt,
                run.Id, cancellationToken);
            var corrected = await invoices.CorrectionsAsync(final.Id, cancellationToken);
            var difference = again.OwnSubtotal - final.OwnSubtotal - corrected;
            if (difference == 0)
            {
                continue;
            }

            var correction = new Correction(final, difference, corrected, Explain(final, again, corrected, zone));
            if (difference > 0 && open.Count > 0 && open[^1].Covered.Start > final.Period.Start)
            {
                trueUps.Add(correction.Line(InvoiceLine.TrueUpKind));
            }
            else if (difference < 0 || !NextInvoiceCarries(subscription, cycle, zone, final, inArrears))
            {
                results.Add(await CorrectAsync(tenantId, run, subscription, correction, cancellationToken));
            }
        }

        if (plan.Fees.Any(f => f.Billing == FeeBilling.Advance))
        {
            var inAdvance = own.Where(i => i.InAdvance).ToList();
            foreach (var period in BillingCalendar.StartedPeriods(cycle, subscription.BillingAnchor, zone, subscription.StartsAt, subscription.EndsAt, run.AsOf))
            {
                var existing = inAdvance.FirstOrDefault(i => i.Period.Start == period.Covered.Start);
                if (existing is { Status: not "draft" })
                {
                    continue;
                }

                var draft = await builder.BuildAsync(tenantId, consumer, subscription, version, continuesEarlier, period, inAdvance: true, period.Covered.Start,
                    run.Id, cancellationToken);
                if (draft.Lines.Count > 0)
                {
                    results.Add(await IssueAsync(tenantId, run, subscription, period, InvoiceTotals.Complete(draft, tax), existing, consumerInvoices,
                        cancellationToken));
                }
            }
        }

        foreach (var period in open)
        {
            var draft = await builder.BuildAsync(tenantId, consumer, subscription, version, continuesEarlier, period, inAdvance: false,
                period.Covered.End + options.GracePeriod, run.Id, cancellationToken);
            var existing = inArrears.FirstOrDefault(i => i.Period.Start == period.Covered.Start);
            // A true-up already on the draft stays when the invoice it corrects has left the late-usage window since:
            // that invoice is no longer re-rated, and dropping the line would lose the usage.
            var kept = existing?.Lines.Where(l => l.Kind == InvoiceLine.TrueUpKind && l.CorrectsInvoice is { } c && !rerated.Contains(c)) ?? [];
            draft = draft with { Lines = [.. draft.Lines, .. kept, .. period == open[^1] ? trueUps : []] };
            // A plan of fees billed in advance alone leaves nothing to bill at the period's end (unless a true-up).
            if (draft.Lines.Count > 0 || BillsInArrears(plan))
            {
                results.Add(await IssueAsync(tenantId, run, subscription, period, InvoiceTotals.Complete(draft, tax), existing, consumerInvoices,
                    cancellationToken));
            }
        }

        return results;
    }

    private static bool BillsInArrears(BoundPlan plan) =>
        plan.Charges.Count > 0 || plan.Commitment is not null || plan.Fees.Any(f => f.Billing == FeeBilling.Arrears);

    // Saves the draft of one invoice and finalizes it once its grace period is over (a dry run only reports it),
    // compared with the consumer's previous invoice of the same sort.
    private async Task<BillingRunResult> IssueAsync(Guid tenantId, BillingRun run, Subscription subscription, BilledPeriod period, Invoice draft,
        Invoice? existing, IReadOnlyList<Invoice> consumerInvoices, CancellationToken cancellationToken)
    {
        var previous = consumerInvoices.LastOrDefault(i => i.Period.Start < period.Covered.Start && i.InAdvance == draft.InAdvance && i.Status != "void")?.Total;
        if (run.DryRun)
        {
            return Result(subscription, period.Covered, existing is null ? "would_create" : "would_update", existing, draft.Total, previous, draft);
        }

        var (saved, changed) = await invoices.SaveDraftAsync(tenantId, draft, cancellationToken);
        var action = !changed ? "unchanged" : existing is null ? "created" : "updated";
        if (changed && run.AsOf >= saved.GraceEndsAt)
        {
            (saved, var byThisRun) = await FinalizeAsync(tenantId, saved, cancellationToken);
            action = byThisRun ? "finalized" : "unchanged";
        }

        return Result(subscription, period.Covered, action, saved, saved.Total, previous, null);
    }

    // Usage removed from a finalized invoice (or time no longer covered by its fees billed in advance) is credited at
    // once; more that no draft of this run can carry is charged on a debit note. Either names the invoice, and is
    // issued only if no other run corrected it meanwhile.
    private async Task<BillingRunResult> CorrectAsync(Guid tenantId, BillingRun run, Subscription subscription, Correction correction,
        CancellationToken cancellationToken)
    {
        var final = correction.Final;
        var credit = correction.Difference < 0;
        var kind = credit ? InvoiceKinds.CreditNote : InvoiceKinds.DebitNote;
        if (run.DryRun)
        {
            return Result(subscription, final.Period, credit ? "would_credit" : "would_debit", null, correction.Difference, null, null);
        }

        var line = correction.Line(credit ? InvoiceLine.CreditKind : InvoiceLine.TrueUpKind);
        var note = await invoices.IssueCorrectionAsync(tenantId, kind, final, [line], correction.Reason, run.Id, correction.CorrectedSoFar, cancellationToken);
        return note is null
            ? Result(subscription, final.Period, "unchanged", final, final.Total, null, null)
            : Result(subscription, final.Period, kind, note, note.Total, null, null);
    }

    private static string Explain(Invoice final, Invoice again, decimal corrected, TimeZoneInfo zone)
    {
        var correctedSince = corrected != 0 ? $", corrected since by {corrected}" : string.Empty;
        return final.InAdvance
            ? string.Create(CultureInfo.InvariantCulture,
                $"{final.Number} billed fees in advance for {Local(final.Period, zone)}; for the part the subscription covers now, {Local(again.Period, zone)}: {again.OwnSubtotal}; invoiced {final.OwnSubtotal}{correctedSince}")
            : string.Create(CultureInfo.InvariantCulture,
                $"{final.Number} re-rated with the usage stored now: {again.OwnSubtotal} ({again.Events} events); invoiced {final.OwnSubtotal} ({final.Events} events){correctedSince}");
    }

    private static string Local(UsagePeriod period, TimeZoneInfo zone) =>
        $"{TimeZoneInfo.ConvertTime(period.Start, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} – {TimeZoneInfo.ConvertTime(period.End, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} {zone.Id}";

    // Whether the subscription's next invoice can still take late usage of final as a true-up line: it exists (the
    // subscription goes on past final) and is built and finalized while final is within the late-usage window. A
    // subscription that has ended, or a cycle longer than the window (quarterly, yearly), gets a debit note instead.
    private bool NextInvoiceCarries(Subscription subscription, BillingPeriod cycle, TimeZoneInfo zone, Invoice final, List<Invoice> inArrears) =>
        BillingCalendar.DuePeriods(cycle, subscription.BillingAnchor, zone, subscription.StartsAt, subscription.EndsAt, DateTimeOffset.MaxValue)
            .SkipWhile(p => p.Covered.Start <= final.Period.Start)
            .FirstOrDefault(p => !inArrears.Any(i => i.Period.Start == p.Covered.Start && i.Status != "draft")) is { } next
        && next.Covered.End + options.GracePeriod <= final.Period.End + options.LateUsageWindow;

    // Another run may finalize the same invoice between our save and this call: then it is final, which is all we wanted.
    private async Task<(Invoice Invoice, bool ByThisRun)> FinalizeAsync(Guid tenantId, Invoice draft, CancellationToken cancellationToken)
    {
        try
        {
            return (await invoices.FinalizeAsync(tenantId, draft.Id, cancellationToken) ?? draft, true);
        }
        catch (InvoiceStateException)
        {
            return (await invoices.FindAsync(tenantId, draft.Id, cancellationToken) ?? draft, false);
        }
    }

    private async Task<HashSet<Guid>> SuccessorsAsync(Guid tenantId, CancellationToken cancellationToken) =>
        [.. await dataSource.ListAsync("SELECT to_subscription FROM subscription_migrations WHERE tenant_id = $1", r => r.GetGuid(0), cancellationToken, tenantId)];

    private static BillingRunResult Result(Subscription subscription, UsagePeriod period, string action, Invoice? invoice, decimal total,
        decimal? previous, Invoice? preview) =>
        new(subscription.Id, subscription.ConsumerId, period.Start, period.End, action, invoice?.Id, invoice?.Number, invoice?.Status,
            invoice?.Currency ?? preview?.Currency, total, previous, null, preview)
        {
            InAdvance = (invoice ?? preview)?.InAdvance ?? false,
        };
}
