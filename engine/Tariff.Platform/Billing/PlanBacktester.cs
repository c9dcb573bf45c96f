using Tariff.Engine.Compilation;
using Tariff.Engine.Rating;
using Tariff.Platform.Catalog;
using Tariff.Platform.Metering;

namespace Tariff.Platform.Billing;

/// <summary>
/// Backtests a plan's draft before it is published: every subscription to the plan (on any of its versions) has its
/// last closed billing period's events rated twice by the compiled engines, once with the latest published version
/// and once with the draft, with the same proration, trial and one-time-fee rules billing applies. Nothing is stored.
/// </summary>
public sealed class PlanBacktester(
    PlanService plans, SubscriptionService subscriptions, ConsumerService consumers, MeteringCatalog catalog, ConsumerMeterReader reader,
    CompiledPlanCache compiled, TimeProvider clock)
{
    /// <summary>The backtest of the plan's draft; null when this tenant has no such plan.</summary>
    public async Task<Backtest?> RunAsync(Guid tenantId, Guid planId, CancellationToken cancellationToken = default)
    {
        if (await plans.FindAsync(tenantId, planId, cancellationToken) is not { } plan)
        {
            return null;
        }

        var published = plan.LatestVersion == 0
            ? throw new CatalogValidationException("plan", "has no published version yet; a backtest compares the draft with the version in force.")
            : (await plans.FindVersionAsync(tenantId, planId, plan.LatestVersion, cancellationToken))!;
        var draft = PlanDocument.Check(plan.DraftText);
        var publishedPlan = plans.Checked(published).Plan;
        if (draft.Plan.Currency.Code != publishedPlan.Currency.Code)
        {
            throw new CatalogValidationException("text",
                $"the draft bills in {draft.Plan.Currency.Code} and version {published.Version} in {publishedPlan.Currency.Code}; a backtest compares amounts in one currency.");
        }

        // One compiled slot per plan's draft: backtesting an edited draft again replaces (and unloads) the previous code.
        var draftEngine = compiled.Get($"{tenantId:N}/backtest/{planId:N}", draft.Plan);
        var publishedEngine = reader.EngineFor(tenantId, published);
        var now = clock.GetUtcNow();
        var metering = await catalog.GetAsync(tenantId, cancellationToken: cancellationToken);
        var subscribed = (await subscriptions.ListAsync(tenantId, cancellationToken: cancellationToken)).Where(s => s.PlanId == planId).ToList();
        var byId = await consumers.FindManyAsync(tenantId, subscribed.Select(s => s.ConsumerId), cancellationToken);
        var rows = new List<BacktestRow>();
        foreach (var subscription in subscribed)
        {
            if (LastClosedPeriod(metering, subscription, now) is not { } period || !byId.TryGetValue(subscription.ConsumerId, out var consumer))
            {
                continue;
            }

            var events = await reader.EventsAsync(tenantId, consumer, period.Covered, cancellationToken);
            var options = InvoiceBuilder.OptionsFor(subscription, continuesEarlier: false, period, RatedPart.Whole);
            var before = PlanRater.Rate(publishedEngine, events, period.Covered, options).Total;
            var after = PlanRater.Rate(draftEngine, events, period.Covered, options).Total;
            rows.Add(new BacktestRow(subscription.Id, consumer.Id, consumer.Code, consumer.Name, subscription.PlanVersion, period.Covered, events.Count, before,
                after, after - before, BacktestMath.Percent(after - before, before)));
        }

        rows.Sort((a, b) => Math.Abs(b.Change).CompareTo(Math.Abs(a.Change)) is var byChange and not 0 ? byChange : string.CompareOrdinal(a.ConsumerCode, b.ConsumerCode));
        return new Backtest(planId, published.Version, publishedPlan.Currency.Code, now, rows, rows.Sum(r => r.Published), rows.Sum(r => r.Draft));
    }

    // The period before the one containing now, as far as the subscription covered it; null when it covered none of it.
    private static BilledPeriod? LastClosedPeriod(TenantMetering metering, Subscription subscription, DateTimeOffset now)
    {
        var open = subscription with { EndsAt = null };
        var lastInstant = metering.PeriodOf(open, now).Whole.Start.AddTicks(-1);
        var whole = metering.PeriodOf(open, lastInstant).Whole;
        return subscription.StartsAt >= whole.End || subscription.EndsAt <= whole.Start ? null : metering.PeriodOf(subscription, lastInstant);
    }
}
