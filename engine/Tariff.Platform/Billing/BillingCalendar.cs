using Tariff.Engine.Binding;
using Tariff.Engine.Evaluation;

namespace Tariff.Platform.Billing;

/// <summary>
/// Where a plan's billing periods begin and end for one subscription, in the consumer's time zone. Calendar periods
/// start on the first day of the week (Monday), month, quarter or year at local midnight; anniversary periods start on
/// the billing anchor's local day and time. Boundary k is always counted from the anchor, never from boundary k-1,
/// so an anchor on January 31 gives February 28 (or 29), then March 31, never drifting to the 28th.
/// </summary>
public static class BillingCalendar
{
    /// <summary>The whole period of <paramref name="cycle"/> that contains <paramref name="instant"/>.</summary>
    public static UsagePeriod PeriodContaining(BillingPeriod cycle, DateTimeOffset anchor, TimeZoneInfo zone, DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(zone);
        var origin = Origin(cycle, TimeZoneInfo.ConvertTime(anchor, zone).DateTime);
        var local = TimeZoneInfo.ConvertTime(instant, zone).DateTime;
        // A first guess from the calendar distance, then exact steps: the boundaries are instants, DST included.
        var k = cycle.Unit == PeriodUnit.Week
            ? (int)Math.Floor((local - origin).TotalDays / 7)
            : ((local.Year - origin.Year) * 12 + local.Month - origin.Month) / MonthsPer(cycle.Unit);
        while (Boundary(cycle, origin, zone, k) > instant)
        {
            k--;
        }

        while (Boundary(cycle, origin, zone, k + 1) <= instant)
        {
            k++;
        }

        return new UsagePeriod(Boundary(cycle, origin, zone, k), Boundary(cycle, origin, zone, k + 1));
    }

    /// <summary>
    /// The periods of a subscription running from <paramref name="start"/> (to <paramref name="end"/> when set) that
    /// have ended by <paramref name="until"/>, oldest first, each with the part the subscription covers.
    /// </summary>
    public static IEnumerable<BilledPeriod> DuePeriods(BillingPeriod cycle, DateTimeOffset anchor, TimeZoneInfo zone, DateTimeOffset start,
        DateTimeOffset? end, DateTimeOffset until)
    {
        var period = PeriodContaining(cycle, anchor, zone, start);
        while (period.Start < (end ?? DateTimeOffset.MaxValue))
        {
            var billed = Covering(period, start, end);
            if (billed.Covered.End > until)
            {
                yield break;
            }

            yield return billed;
            period = PeriodContaining(cycle, anchor, zone, period.End);
        }
    }

    /// <summary>
    /// The periods of a subscription running from <paramref name="start"/> (to <paramref name="end"/> when set) that
    /// have begun by <paramref name="until"/>, oldest first, each with the part the subscription covers: those whose fees
    /// billed in advance are due.
    /// </summary>
    public static IEnumerable<BilledPeriod> StartedPeriods(BillingPeriod cycle, DateTimeOffset anchor, TimeZoneInfo zone, DateTimeOffset start,
        DateTimeOffset? end, DateTimeOffset until)
    {
        var period = PeriodContaining(cycle, anchor, zone, start);
        while (period.Start < (end ?? DateTimeOffset.MaxValue) && period.Start <= until)
        {
            yield return Covering(period, start, end);
            period = PeriodContaining(cycle, anchor, zone, period.End);
        }
    }

    /// <summary>The part of <paramref name="period"/> a subscription from <paramref name="start"/> to <paramref name="end"/> covers; empty when none.</summary>
    public static BilledPeriod Covering(UsagePeriod period, DateTimeOffset start, DateTimeOffset? end)
    {
        var coveredStart = Later(period.Start, start);
        var coveredEnd = end is { } e && e < period.End ? e : period.End;
        return new BilledPeriod(period, new UsagePeriod(coveredStart, Later(coveredEnd, coveredStart)));
    }

    /// <summary>
    /// The local time <paramref name="local"/> as an instant in <paramref name="zone"/>. A time that does not exist
    /// (skipped by a DST change) moves forward by the gap; a time that occurs twice is its first occurrence.
    /// </summary>
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // Read with the offset in force before the gap, the wall clock lands as far past the gap as it was inside it.
            var before = zone.GetUtcOffset(local.AddDays(-1));
            return new DateTimeOffset(local - before, TimeSpan.Zero);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    private static DateTimeOffset Boundary(BillingPeriod cycle, DateTime origin, TimeZoneInfo zone, int k) => ToInstant(
        cycle.Unit == PeriodUnit.Week ? origin.AddDays(7 * k) : origin.AddMonths(MonthsPer(cycle.Unit) * k), zone);

    // Anniversary periods count from the anchor itself; calendar periods from the start of the unit holding it.
    private static DateTime Origin(BillingPeriod cycle, DateTime anchor)
    {
        if (cycle.Alignment == PeriodAlignment.Anniversary)
        {
            return anchor;
        }

        return cycle.Unit switch
        {
            PeriodUnit.Week => anchor.Date.AddDays(-(((int)anchor.DayOfWeek + 6) % 7)),
            PeriodUnit.Month => new DateTime(anchor.Year, anchor.Month, 1),
            PeriodUnit.Quarter => new DateTime(anchor.Year, (anchor.Month - 1) / 3 * 3 + 1, 1),
            _ => new DateTime(anchor.Year, 1, 1),
        };
    }

    private static int MonthsPer(PeriodUnit unit) => unit switch
    {
        PeriodUnit.Month => 1,
        PeriodUnit.Quarter => 3,
        PeriodUnit.Year => 12,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Weeks are counted in days."),
    };

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
