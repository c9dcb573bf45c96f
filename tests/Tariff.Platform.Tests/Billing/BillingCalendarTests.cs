using Tariff.Engine.Binding;
using Tariff.Engine.Evaluation;
using Tariff.Platform.Billing;

namespace Tariff.Platform.Tests.Billing;

/// <summary>Period boundaries at month ends, in leap years and across DST changes in the consumer's time zone.</summary>
public sealed class BillingCalendarTests
{
    private static readonly BillingPeriod MonthlyAnniversary = new(PeriodUnit.Month, PeriodAlignment.Anniversary);
    private static readonly BillingPeriod MonthlyCalendar = new(PeriodUnit.Month, PeriodAlignment.Calendar);
    private static readonly TimeZoneInfo Greenwich = TimeZoneInfo.Utc;

    [Fact]
    public void Anniversary_AnchoredOnJanuary31_EndsOnTheLastDayOfShortMonthsAndReturnsToThe31st()
    {
        var anchor = Utc(2027, 1, 31, 10);

        var starts = Starts(MonthlyAnniversary, anchor, Greenwich, anchor, 5);

        Assert.Equal([Utc(2027, 1, 31, 10), Utc(2027, 2, 28, 10), Utc(2027, 3, 31, 10), Utc(2027, 4, 30, 10), Utc(2027, 5, 31, 10)], starts);
    }

    [Fact]
    public void Anniversary_InALeapYear_FebruaryEndsOnThe29th()
    {
        var anchor = Utc(2028, 1, 31, 0);

        var february = BillingCalendar.PeriodContaining(MonthlyAnniversary, anchor, Greenwich, Utc(2028, 3, 1, 0));

        Assert.Equal(new UsagePeriod(Utc(2028, 2, 29, 0), Utc(2028, 3, 31, 0)), february);
    }

    [Fact]
    public void YearlyAnniversary_OnFebruary29_FallsOnThe28thUntilTheNextLeapYear()
    {
        var yearly = new BillingPeriod(PeriodUnit.Year, PeriodAlignment.Anniversary);
        var anchor = Utc(2028, 2, 29, 0);

        var starts = Starts(yearly, anchor, Greenwich, anchor, 5);

        Assert.Equal([Utc(2028, 2, 29, 0), Utc(2029, 2, 28, 0), Utc(2030, 2, 28, 0), Utc(2031, 2, 28, 0), Utc(2032, 2, 29, 0)], starts);
    }

    [Fact]
    public void CalendarMonth_InBerlinAcrossTheSpringChange_RunsFromLocalMidnightToLocalMidnight()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        var march = BillingCalendar.PeriodContaining(MonthlyCalendar, Utc(2026, 1, 1, 0), berlin, Utc(2026, 3, 15, 12));

        // March 1 00:00 CET is 23:00 UTC the day before; April 1 00:00 CEST is 22:00 UTC: the month is an hour short.
        Assert.Equal(new UsagePeriod(Utc(2026, 2, 28, 23), Utc(2026, 3, 31, 22)), march);
        Assert.Equal(TimeSpan.FromDays(31) - TimeSpan.FromHours(1), march.End - march.Start);
    }

    [Fact]
    public void Anniversary_OnALocalTimeTheSpringChangeSkips_MovesForwardByTheGap()
    {
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var anchor = Utc(2026, 2, 8, 7, 30); // 02:30 EST

        var starts = Starts(MonthlyAnniversary, anchor, newYork, anchor, 3);

        // 2026-03-08 02:30 does not exist in New York (clocks go from 02:00 to 03:00): the period starts at 03:30 EDT.
        Assert.Equal([Utc(2026, 2, 8, 7, 30), Utc(2026, 3, 8, 7, 30), Utc(2026, 4, 8, 6, 30)], starts);
    }

    [Fact]
    public void Anniversary_OnALocalTimeTheAutumnChangeRepeats_TakesItsFirstOccurrence()
    {
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var anchor = Utc(2026, 10, 1, 5, 30); // 01:30 EDT

        var starts = Starts(MonthlyAnniversary, anchor, newYork, anchor, 3);

        // 2026-11-01 01:30 happens twice (EDT, then EST): the first is 05:30 UTC. December's 01:30 EST is 06:30 UTC.
        Assert.Equal([Utc(2026, 10, 1, 5, 30), Utc(2026, 11, 1, 5, 30), Utc(2026, 12, 1, 6, 30)], starts);
    }

    [Fact]
    public void CalendarWeekAndQuarter_StartOnMondayAndOnTheQuarter()
    {
        var week = BillingCalendar.PeriodContaining(new BillingPeriod(PeriodUnit.Week, PeriodAlignment.Calendar), Utc(2026, 1, 1, 0), Greenwich, Utc(2026, 11, 21, 13));
        var quarter = BillingCalendar.PeriodContaining(new BillingPeriod(PeriodUnit.Quarter, PeriodAlignment.Calendar), Utc(2026, 1, 1, 0), Greenwich, Utc(2026, 5, 10, 0));

        Assert.Equal(new UsagePeriod(Utc(2026, 11, 16, 0), Utc(2026, 11, 23, 0)), week);
        Assert.Equal(new UsagePeriod(Utc(2026, 4, 1, 0), Utc(2026, 7, 1, 0)), quarter);
    }

    [Fact]
    public void DuePeriods_SubscriptionFromMidJanuaryToMidMarch_CoversPartsOfTheFirstAndLastMonths()
    {
        var start = Utc(2026, 1, 15, 0);

        var due = BillingCalendar.DuePeriods(MonthlyCalendar, start, Greenwich, start, Utc(2026, 3, 10, 0), Utc(2026, 4, 1, 0)).ToList();
        var soFar = BillingCalendar.DuePeriods(MonthlyCalendar, start, Greenwich, start, null, Utc(2026, 2, 15, 0)).ToList();

        Assert.Equal(
            [(Utc(2026, 1, 15, 0), Utc(2026, 2, 1, 0)), (Utc(2026, 2, 1, 0), Utc(2026, 3, 1, 0)), (Utc(2026, 3, 1, 0), Utc(2026, 3, 10, 0))],
            due.Select(p => (p.Covered.Start, p.Covered.End)));
        Assert.Equal([true, false, true], due.Select(p => p.IsPartial));
        Assert.Equal(17m / 31m, due[0].ShareOf(due[0].Covered));
        Assert.Single(soFar);
    }

    private static List<DateTimeOffset> Starts(BillingPeriod cycle, DateTimeOffset anchor, TimeZoneInfo zone, DateTimeOffset from, int count)
    {
        var starts = new List<DateTimeOffset>();
        var period = BillingCalendar.PeriodContaining(cycle, anchor, zone, from);
        for (var i = 0; i < count; i++)
        {
            starts.Add(period.Start);
            period = BillingCalendar.PeriodContaining(cycle, anchor, zone, period.End);
        }

        return starts;
    }

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);
}
