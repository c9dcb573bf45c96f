using Tariff.Engine.Binding;
using Tariff.Engine.Evaluation;

namespace Tariff.Engine.Tests.Evaluation;

public sealed class QueryEvaluationTests
{
    private const string Meters = """
        meter calls {
            count
        }

        meter bytes {
            sum response_bytes
            group by method
        }

        meter peak {
            max response_bytes
        }

        """;

    [Fact]
    public void Evaluate_DailySteps_MeasureEachDayOnItsOwn()
    {
        var query = Bind("query q {\n    show calls, peak\n    from 2026-01-01 to 2026-01-04\n    step day\n}\n");
        var events = new[]
        {
            Events.At(1, responseBytes: 10), Events.At(1, responseBytes: 30, hour: 23), Events.At(3, responseBytes: 5),
            Events.At(4, responseBytes: 99), // the day after the range
        };

        var cells = QueryEvaluator.Evaluate(query, query.Range.Resolve(Events.January), events);

        Assert.Equal(
            [
                new QueryCell(Events.January, "calls", "", 2m), new QueryCell(Events.January, "peak", "", 30m),
                new QueryCell(Events.January.AddDays(2), "calls", "", 1m), new QueryCell(Events.January.AddDays(2), "peak", "", 5m),
            ],
            cells);
    }

    [Fact]
    public void Evaluate_WithoutStep_GivesOneTotalPerGroup_EqualToTheSumOfTheSteps()
    {
        var events = Enumerable.Range(1, 31).SelectMany(day => new[]
        {
            Events.At(day, method: "GET", responseBytes: day),
            Events.At(day, method: day % 2 == 0 ? "POST" : "GET", responseBytes: 100, hour: day % 24),
        }).ToList();
        var whole = Bind("query q {\n    show bytes\n    from 2026-01-01 to 2026-02-01\n}\n");
        var daily = Bind("query q {\n    show bytes\n    from 2026-01-01 to 2026-02-01\n    step day\n}\n");

        var totals = QueryEvaluator.Evaluate(whole, whole.Range.Resolve(Events.January), events);
        var steps = QueryEvaluator.Evaluate(daily, daily.Range.Resolve(Events.January), events);

        Assert.Equal([new QueryCell(null, "bytes", "GET", 496m + 1600m), new QueryCell(null, "bytes", "POST", 1500m)], totals);
        Assert.Equal(31, steps.Select(c => c.Step).Distinct().Count());
        Assert.Equal(totals.Select(t => t.Quantity), steps.GroupBy(c => c.Group).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Sum(c => c.Quantity)));
    }

    [Fact]
    public void Resolve_LastDaysAndHours_EndWithTheCurrentDayOrHour()
    {
        var now = new DateTimeOffset(2026, 11, 21, 14, 35, 0, TimeSpan.FromHours(1));

        var days = Bind("query q {\n    show calls\n    last 7 days\n}\n").Range.Resolve(now);
        var hours = Bind("query q {\n    show calls\n    last 24 hours\n    step hour\n}\n").Range.Resolve(now);
        var unspecified = Bind("query q {\n    show calls\n}\n").Range.Resolve(now);

        Assert.Equal(new UsagePeriod(new(2026, 11, 15, 0, 0, 0, TimeSpan.Zero), new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero)), days);
        Assert.Equal(new UsagePeriod(new(2026, 11, 20, 14, 0, 0, TimeSpan.Zero), new(2026, 11, 21, 14, 0, 0, TimeSpan.Zero)), hours);
        Assert.Equal(TimeSpan.FromDays(30), unspecified.End - unspecified.Start);
    }

    [Fact]
    public void StepsOf_ARangeNotAWholeNumberOfSteps_EndsWithAShortStep()
    {
        var range = new UsagePeriod(Events.January, Events.January.AddHours(60));

        var steps = QueryEvaluator.StepsOf(TimeSpan.FromDays(1), range).ToList();

        Assert.Equal([Events.January, Events.January.AddDays(1), Events.January.AddDays(2)], steps.Select(s => s.Start));
        Assert.Equal(range.End, steps[^1].End);
    }

    private static BoundQuery Bind(string query)
    {
        var result = Binder.Check(Meters + query);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        return result.Document!.Queries.Single();
    }
}
