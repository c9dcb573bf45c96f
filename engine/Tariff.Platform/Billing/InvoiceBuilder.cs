using System.Globalization;
using Tariff.Engine.Evaluation;
using Tariff.Engine.Money;
using Tariff.Engine.Rating;
using Tariff.Engine.Syntax;
using Tariff.Platform.Catalog;
using Tariff.Platform.Metering;

namespace Tariff.Platform.Billing;

/// <summary>
/// Rates one subscription's period into an invoice (before tax and true-ups): the consumer's usage measured by the
/// plan version's compiled meters, priced by the same rater the editor's "try it" and the examples use. Recurring
/// fees and the commitment are prorated by the share of the period the subscription covers outside its trial;
/// one-time fees come on the first period of a subscription that does not continue an earlier one. A period's fees
/// billed in advance make an invoice of their own (<c>inAdvance</c>), which reads no usage.
/// </summary>
public sealed class InvoiceBuilder(ConsumerMeterReader reader, PlanService plans)
{
    public async Task<Invoice> BuildAsync(Guid tenantId, Consumer consumer, Subscription subscription, PlanVersion version, bool continuesEarlier,
        BilledPeriod period, bool inAdvance, DateTimeOffset graceEndsAt, Guid? billingRunId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(period);
        var part = inAdvance ? RatedPart.InAdvance : RatedPart.InArrears;
        var options = OptionsFor(subscription, continuesEarlier, period, part);
        if (inAdvance)
        {
            var unmeasured = new ConsumerMeters(consumer, subscription, version, period.Covered, consumer.Identities, 0, [], []);
            return Draft(tenantId, unmeasured, [], options, period, graceEndsAt, billingRunId) with { InAdvance = true };
        }

        var measured = await reader.ReadAsync(tenantId, consumer, subscription, version, period.Covered, cancellationToken);
        return Draft(tenantId, measured, MetersPerCharge(measured), options, period, graceEndsAt, billingRunId);
    }

    /// <summary>
    /// What the period's invoice would be if it ended at <paramref name="now"/> (the usage so far, fees in full), and a
    /// projection to the period's end: <c>count</c> and <c>sum</c> meters scaled by the period's length over the time
    /// elapsed (the rest of the period used like the part so far), the other meters (levels, extremes, distinct
    /// values) as they stand, all rated by the plan so that tiers and allowances apply. Neither is stored; no tax.
    /// </summary>
    public async Task<(Invoice SoFar, Invoice Projected)> EstimateAsync(Guid tenantId, Consumer consumer, Subscription subscription, PlanVersion version,
        BilledPeriod period, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(period);
        var measured = await reader.ReadAsync(tenantId, consumer, subscription, version, period.Covered, cancellationToken);
        var meters = MetersPerCharge(measured);
        var options = OptionsFor(subscription, continuesEarlier: false, period, RatedPart.Whole);
        var covered = period.Covered;
        var factor = now <= covered.Start || now >= covered.End ? 1m : (decimal)(covered.End - covered.Start).Ticks / (now - covered.Start).Ticks;
        var charges = plans.Checked(version).Plan.Charges;
        var projected = meters.Select((meter, i) => charges[i].Meter.Function is AggregationFunction.Count or AggregationFunction.Sum
            ? meter with { Groups = [.. meter.Groups.Select(g => Scaled(g, factor))] }
            : meter).ToList();
        return (Draft(tenantId, measured, meters, options, period, covered.End, null), Draft(tenantId, measured, projected, options, period, covered.End, null));
    }

    /// <summary>
    /// The period's invoice so far (fees in full, or without those billed in advance when <paramref name="part"/>
    /// says so; no tax), rated from the real-time counters rather than the events, so that prepaid credit burns down as
    /// usage arrives. A plan that prices each event's own value (percentage charges) needs the events, which counters
    /// do not keep: its usage is measured from the store instead.
    /// </summary>
    public async Task<Invoice> SoFarAsync(Guid tenantId, CurrentUsage usage, PlanVersion version, RatedPart part,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(usage);
        ArgumentNullException.ThrowIfNull(version);
        var period = usage.Period;
        var measured = plans.Checked(version).Plan.Charges.Any(MeterAccumulator.NeedsEventValues)
            ? await reader.ReadAsync(tenantId, usage.Consumer, usage.Subscription, version, period.Covered, cancellationToken)
            : new ConsumerMeters(usage.Consumer, usage.Subscription, version, period.Covered, usage.Consumer.Identities, 0, usage.Meters, []);
        return Draft(tenantId, measured, MetersPerCharge(measured), OptionsFor(usage.Subscription, continuesEarlier: false, period, part), period,
            period.Covered.End, null);
    }

    // One meter result per charge, in the plan's order, as the rater takes them (two charges may share a meter).
    private List<MeterResult> MetersPerCharge(ConsumerMeters measured) =>
        [.. plans.Checked(measured.Version).Plan.Charges.Select(charge => measured.Meters.First(m => m.Meter == charge.Meter.Name))];

    private Invoice Draft(Guid tenantId, ConsumerMeters measured, IReadOnlyList<MeterResult> perCharge, RatingOptions options, BilledPeriod period,
        DateTimeOffset graceEndsAt, Guid? billingRunId)
    {
        var (consumer, subscription, version) = (measured.Consumer, measured.Subscription, measured.Version);
        var plan = plans.Checked(version).Plan;
        var rating = PlanRater.RateMeters(reader.EngineFor(tenantId, version), perCharge, period.Covered, options);
        var lines = rating.Lines.Select(l => new InvoiceLine(0, l.Kind.ToString().ToLowerInvariant(), l.Description, l.Meter, l.Group, l.Quantity,
            l.UnitPrice, l.Amount, l.RoundedAmount, l.Explanation, null)).ToList();
        return new Invoice(Guid.NewGuid(), "invoice", null, consumer.Id, subscription.Id, subscription.PlanId, subscription.PlanVersion, period.Covered,
            plan.Currency.Code, Rounding.NameOf(plan.Rounding), "draft", 0, 0, 0, null, null, measured.Events, null, string.Empty,
            graceEndsAt, billingRunId, default, default, null, null, null, lines);
    }

    // The rest of the period used like the part so far: the quantity scaled, and each event's value (which
    // percentage pricing rates one by one) repeated in turn until the projected number of events.
    private static MeterGroup Scaled(MeterGroup group, decimal factor)
    {
        var count = group.EventValues.Count;
        var projectedEvents = count == 0 ? 0 : (int)Math.Round(count * factor, MidpointRounding.AwayFromZero);
        return group with
        {
            Quantity = group.Quantity * factor,
            EventValues = [.. Enumerable.Range(0, projectedEvents).Select(i => group.EventValues[i % count])],
        };
    }

    /// <summary>How billing rates one subscription's period: fees prorated by the share covered outside the trial, one-time fees on a first period.</summary>
    internal static RatingOptions OptionsFor(Subscription subscription, bool continuesEarlier, BilledPeriod period, RatedPart part)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(subscription.TimeZone);
        var covered = period.Covered;
        var inTrial = subscription.TrialEndsAt is { } trialEnd && trialEnd >= covered.End;
        var chargedFrom = subscription.TrialEndsAt is { } end && end > covered.Start ? end : covered.Start;
        var notes = new List<string>();
        if (covered.Start > period.Whole.Start)
        {
            notes.Add($"from {Local(covered.Start, zone)}");
        }

        if (covered.End < period.Whole.End)
        {
            notes.Add($"until {Local(covered.End, zone)}");
        }

        if (!inTrial && chargedFrom > covered.Start)
        {
            notes.Add($"after the trial ending {Local(chargedFrom, zone)}");
        }

        return new RatingOptions(
            IncludeOneTimeFees: !continuesEarlier && covered.Start == subscription.StartsAt,
            InTrial: inTrial,
            Proration: inTrial ? 1m : period.ShareOf(covered with { Start = chargedFrom }),
            ProrationNote: notes.Count == 0 ? null : $"{string.Join(", ", notes)} {zone.Id}",
            Part: part);
    }

    private static string Local(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
