using Tariff.Engine.Evaluation;
using Tariff.Engine.Usage;
using static Tariff.Engine.Tests.Events;

namespace Tariff.Engine.Tests.Evaluation;

public sealed class MeterEvaluationTests
{
    [Fact]
    public void Count_WithFilters_CountsOnlyMatchingEventsInsideThePeriod()
    {
        var result = Evaluate("count\n where method in [\"GET\", \"POST\"] and status between 200 and 299\n where route matches \"/v1/*\"",
        [
            At(1, method: "GET", status: 200, route: "/v1/items"),
            At(2, method: "POST", status: 201, route: "/v1/orders"),
            At(3, method: "DELETE", status: 200, route: "/v1/items"),
            At(4, method: "GET", status: 500, route: "/v1/items"),
            At(5, method: "GET", status: 200, route: "/v1/items/42"),
            At(6, method: "GET", route: "/v1/items"),
            new UsageEvent("outside", January.AddMonths(1), "acme", Method: "GET", Status: 200, Route: "/v1/items"),
        ]);

        Assert.Equal(2m, Assert.Single(result.Groups).Quantity);
    }

    [Fact]
    public void Condition_OnAMissingField_IsFalseEvenWhenNegatedByOperator_ButNotByNot()
    {
        UsageEvent[] events = [At(1, status: 200), At(2)];

        Assert.Equal(0m, Evaluate("count where status != 200", events).Total);
        Assert.Equal(1m, Evaluate("count where not status = 200", events).Total);
        Assert.Equal(0m, Evaluate("count where status not in [500]", [At(2)]).Total);
    }

    [Fact]
    public void Sum_WithConversionAndRoundingUp_ConvertsBytesToWholeGigabytes()
    {
        UsageEvent[] events = [At(1, responseBytes: 1_500_000_000), At(2, responseBytes: 200_000_000)];

        var perUnit = Assert.Single(Evaluate("sum response_bytes divide by 1000000000 round up", events).Groups);
        var perEvent = Assert.Single(Evaluate("sum response_bytes divide by 1000000000 round up", events, pricing: "percentage 1%").Groups);

        Assert.Equal(2m, perUnit.Quantity);
        Assert.Empty(perUnit.EventValues);
        Assert.Equal([1.5m, 0.2m], perEvent.EventValues);
    }

    [Fact]
    public void GroupBy_Dimension_GivesOneOrderedGroupPerValueAndAnEmptyOneForMissing()
    {
        var result = Evaluate("sum measures.tokens group by dimensions.model",
        [
            At(1, measures: [("tokens", 10)], dimensions: [("model", "small")]),
            At(2, measures: [("tokens", 5)], dimensions: [("model", "large")]),
            At(3, measures: [("tokens", 7)], dimensions: [("model", "small")]),
            At(4, measures: [("tokens", 1)]),
        ]);

        Assert.Equal([("", 1m), ("large", 5m), ("small", 17m)], result.Groups.Select(g => (g.Key, g.Quantity)));
    }

    [Fact]
    public void Unique_CountsDistinctValues()
    {
        var result = Evaluate("unique dimensions.user",
            [At(1, dimensions: [("user", "ann")]), At(2, dimensions: [("user", "bob")]), At(3, dimensions: [("user", "ann")]), At(4)]);

        Assert.Equal(2m, result.Total);
    }

    [Fact]
    public void LatestMaxMin_ReadTheFieldAcrossEventsInAnyInputOrder()
    {
        UsageEvent[] events = [At(3, measures: [("rps", 7)]), At(1, measures: [("rps", 9)]), At(2, measures: [("rps", 4)])];

        Assert.Equal(7m, Evaluate("latest measures.rps", events).Total);
        Assert.Equal(9m, Evaluate("max measures.rps", events).Total);
        Assert.Equal(4m, Evaluate("min measures.rps", events).Total);
    }

    [Fact]
    public void TimeWeighted_GaugeHalfThePeriod_AveragesToHalfItsLevel()
    {
        var period = new UsagePeriod(January, January.AddDays(10));
        var fifthDay = new UsageEvent("seats", January.AddDays(5), "acme", Measures: new Dictionary<string, decimal> { ["seats"] = 10 });

        var result = Evaluate("time_weighted measures.seats", [fifthDay], period);

        Assert.Equal(5m, result.Total);
    }

    private static MeterResult Evaluate(string meterBody, IReadOnlyList<UsageEvent> events, UsagePeriod? period = null, string pricing = "per unit 1")
    {
        var document = TestDocuments.Bind($"meter m {{ {meterBody} }}\nplan p {{ currency USD charge m {{ {pricing} }} }}");
        return new InterpretedRatingEngine(document.Plans[0]).EvaluateMeter(0, events, period ?? JanuaryPeriod);
    }
}
