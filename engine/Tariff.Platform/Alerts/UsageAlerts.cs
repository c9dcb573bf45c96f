using System.Collections.Concurrent;
using System.Globalization;
using Tariff.Engine.Rating;
using Tariff.Platform.Billing;
using Tariff.Platform.Catalog;
using Tariff.Platform.Metering;

namespace Tariff.Platform.Alerts;

/// <summary>
/// Watches the real-time counters: every subscription period counted since the last look is checked against its
/// plan's quotas at the plan's thresholds (80, 90 and 100 percent unless the plan says otherwise), and its charges so
/// far (rated by the plan from the counters, before tax) against the plan's spend amounts. An alert fires once per
/// period and threshold, on whichever instance sees it first.
/// </summary>
public sealed class UsageAlerts(MeteringCatalog catalog, UsageCounters counters, AlertStore alerts, PlanService plans, InvoiceBuilder builder)
{
    private readonly ConcurrentDictionary<(Guid Tenant, Guid Subscription, DateTimeOffset PeriodStart), byte> pending = new();

    /// <summary>Notes periods whose counters just changed; <see cref="EvaluatePendingAsync"/> checks them.</summary>
    public void Notice(Guid tenantId, IEnumerable<CounterBucket> touched)
    {
        ArgumentNullException.ThrowIfNull(touched);
        foreach (var bucket in touched)
        {
            pending[(tenantId, bucket.Subscription.Id, bucket.Period.Whole.Start)] = 0;
        }
    }

    /// <summary>Checks every noticed period; returns the alerts raised.</summary>
    public async Task<IReadOnlyList<Alert>> EvaluatePendingAsync(CancellationToken cancellationToken = default)
    {
        var raised = new List<Alert>();
        foreach (var key in pending.Keys)
        {
            pending.TryRemove(key, out _);
            try
            {
                raised.AddRange(await EvaluateAsync(key.Tenant, key.Subscription, key.PeriodStart, cancellationToken));
            }
            catch
            {
                // Checked again on the next pass; an alert already raised is not raised twice.
                pending[key] = 0;
                throw;
            }
        }

        return raised;
    }

    private async Task<List<Alert>> EvaluateAsync(Guid tenantId, Guid subscriptionId, DateTimeOffset periodStart, CancellationToken cancellationToken)
    {
        var raised = new List<Alert>();
        var metering = await catalog.GetAsync(tenantId, cancellationToken: cancellationToken);
        if (metering.FindSubscription(subscriptionId) is not { } subscription
            || metering.FindConsumer(subscription.ConsumerId) is not { } consumer)
        {
            return raised;
        }

        var instant = metering.PeriodOf(subscription, periodStart).Covered.Start;
        var usage = await counters.UsageAtAsync(metering, consumer, subscription, instant, cancellationToken);
        var candidates = QuotaAlerts(usage).ToList();
        if (usage.Version.Metering.Plan.SpendThresholds.Count > 0
            && await plans.FindVersionAsync(tenantId, subscription.PlanId, subscription.PlanVersion, cancellationToken) is { } version)
        {
            var soFar = InvoiceTotals.Complete(await builder.SoFarAsync(tenantId, usage, version, RatedPart.Whole, cancellationToken), tax: null);
            candidates.AddRange(SpendAlerts(usage, soFar.Subtotal));
        }

        foreach (var candidate in candidates)
        {
            if (await alerts.RaiseAsync(tenantId, candidate, cancellationToken) is { } alert)
            {
                raised.Add(alert);
            }
        }

        return raised;
    }

    /// <summary>The spend alerts a period's charges so far (<paramref name="spent"/>, before tax) call for: every amount reached, lowest first.</summary>
    public static IEnumerable<AlertCandidate> SpendAlerts(CurrentUsage usage, decimal spent)
    {
        ArgumentNullException.ThrowIfNull(usage);
        var plan = usage.Version.Metering.Plan;
        var period = usage.Period.Whole;
        return plan.SpendThresholds.Where(amount => spent >= amount).Select(amount => new AlertCandidate(usage.Consumer.Id, usage.Subscription.Id,
            Alert.SpendKind, plan.Currency.Code, amount, period.Start, period.End, spent, amount, string.Create(CultureInfo.InvariantCulture,
                $"{usage.Consumer.Code}: charges reached {amount} {plan.Currency.Code} ({spent} {plan.Currency.Code} so far, before tax) in the period from {period.Start:yyyy-MM-dd HH:mm} UTC to {period.End:yyyy-MM-dd HH:mm} UTC.")));
    }

    /// <summary>The quota alerts a period's usage calls for: every threshold reached, lowest first.</summary>
    public static IEnumerable<AlertCandidate> QuotaAlerts(CurrentUsage usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        var plan = usage.Version.Metering.Plan;
        foreach (var quota in plan.Quotas.Where(q => q.Limit > 0))
        {
            var used = usage.Total(quota.Meter);
            foreach (var threshold in plan.AlertThresholds.Where(t => used * 100 >= quota.Limit * t))
            {
                var share = Math.Round(used * 100 / quota.Limit, 1, MidpointRounding.ToZero);
                yield return new AlertCandidate(usage.Consumer.Id, usage.Subscription.Id, Alert.QuotaKind, quota.Meter, threshold,
                    usage.Period.Whole.Start, usage.Period.Whole.End, used, quota.Limit, string.Create(CultureInfo.InvariantCulture,
                        $"{usage.Consumer.Code}: {quota.Meter} reached {threshold}% of its {quota.Kind.ToString().ToLowerInvariant()} quota ({used} of {quota.Limit}, {share}%) in the period from {usage.Period.Whole.Start:yyyy-MM-dd HH:mm} UTC to {usage.Period.Whole.End:yyyy-MM-dd HH:mm} UTC."));
            }
        }
    }
}
