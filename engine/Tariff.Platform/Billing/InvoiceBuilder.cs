using System.Globalization;
using Tariff.Engine.Money;
using Tariff.Engine.Rating;
using Tariff.Platform.Catalog;

namespace Tariff.Platform.Billing;

/// <summary>
/// Rates one subscription's period into an invoice (before tax and true-ups): the consumer's usage measured by the
/// plan version's compiled meters, priced by the same rater the editor's "try it" and the examples use. Recurring
/// fees and the commitment are prorated by the share of the period the subscription covers outside its trial;
/// one-time fees come on the first period of a subscription that does not continue an earlier one.
/// </summary>
public sealed class InvoiceBuilder(ConsumerMeterReader reader, PlanService plans)
{
    public async Task<Invoice> BuildAsync(Guid tenantId, Consumer consumer, Subscription subscription, PlanVersion version, bool continuesEarlier,
        BilledPeriod period, DateTimeOffset graceEndsAt, Guid? billingRunId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(period);
        var plan = plans.Checked(version).Plan;
        var measured = await reader.ReadAsync(tenantId, consumer, subscription, version, period.Covered, cancellationToken);
        var perCharge = plan.Charges.Select(charge => measured.Meters.First(m => m.Meter == charge.Meter.Name)).ToList();
        var rating = PlanRater.RateMeters(reader.EngineFor(tenantId, version), perCharge, period.Covered,
            Options(subscription, continuesEarlier, period, TimeZoneInfo.FindSystemTimeZoneById(subscription.TimeZone)));
        var lines = rating.Lines.Select(l => new InvoiceLine(0, l.Kind.ToString().ToLowerInvariant(), l.Description, l.Meter, l.Group, l.Quantity,
            l.UnitPrice, l.Amount, l.RoundedAmount, l.Explanation, null)).ToList();
        return new Invoice(Guid.NewGuid(), "invoice", null, consumer.Id, subscription.Id, subscription.PlanId, subscription.PlanVersion, period.Covered,
            plan.Currency.Code, Rounding.NameOf(plan.Rounding), "draft", 0, 0, 0, null, null, measured.Events, null, string.Empty,
            graceEndsAt, billingRunId, default, default, null, null, null, lines);
    }

    private static RatingOptions Options(Subscription subscription, bool continuesEarlier, BilledPeriod period, TimeZoneInfo zone)
    {
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
            ProrationNote: notes.Count == 0 ? null : $"{string.Join(", ", notes)} {zone.Id}");
    }

    private static string Local(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
