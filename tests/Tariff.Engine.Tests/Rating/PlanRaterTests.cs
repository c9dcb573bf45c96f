using Tariff.Engine.Evaluation;
using Tariff.Engine.Rating;
using Tariff.Engine.Usage;
using static Tariff.Engine.Tests.Events;

namespace Tariff.Engine.Tests.Rating;

public sealed class PlanRaterTests
{
    private const string Calls = "meter calls { count }\n";

    [Fact]
    public void Rate_Fees_RecurringAlwaysOneTimeOnlyInTheFirstPeriodAndNoneInTrial()
    {
        const string plan = Calls + "plan p { currency USD fee base 49 recurring fee setup 199 once charge calls { per unit 0 } }";

        Assert.Equal(248m, Rate(plan, []).Total);
        Assert.Equal(49m, Rate(plan, [], new RatingOptions(IncludeOneTimeFees: false)).Total);
        Assert.Equal(0m, Rate(plan, [], new RatingOptions(InTrial: true)).Total);
    }

    [Fact]
    public void Rate_DiscountCapAndMinimum_AreSeparateExplainedLines()
    {
        var result = Rate(Calls + "plan p { currency USD charge calls { per unit 10 discount 10% maximum 20 } }", [At(1), At(2), At(3)]);

        Assert.Equal(
            [(RatingLineKind.Usage, 30m), (RatingLineKind.Discount, -3m), (RatingLineKind.Cap, -7m)],
            result.Lines.Select(l => (l.Kind, l.Amount)));
        Assert.Equal("27 capped at the maximum of 20", result.Lines[2].Explanation);
        Assert.Equal(20m, result.Total);

        var minimum = Rate(Calls + "plan p { currency USD charge calls { per unit 1 minimum 25 } }", [At(1)]);
        Assert.Equal([(RatingLineKind.Usage, 1m), (RatingLineKind.Minimum, 24m)], minimum.Lines.Select(l => (l.Kind, l.Amount)));
    }

    [Fact]
    public void Rate_TimeLimitedDiscount_AppliesOnlyToPeriodsStartingBeforeItsEnd()
    {
        const string plan = Calls + "plan p { currency USD charge calls { per unit 10 discount 5 until 2026-02-01 } }";

        Assert.Equal(5m, Rate(plan, [At(1)]).Total);
        Assert.Equal(10m, Rate(plan, [new UsageEvent("feb", January.AddMonths(1), "acme")], null,
            new UsagePeriod(January.AddMonths(1), January.AddMonths(2))).Total);
    }

    [Fact]
    public void Rate_Commitment_AddsATrueUpLineToReachIt()
    {
        var result = Rate(Calls + "plan p { currency USD fee base 10 recurring charge calls { per unit 1 } commitment 50 }", [At(1), At(2)]);

        var trueUp = result.Lines[^1];
        Assert.Equal((RatingLineKind.Commitment, 38m), (trueUp.Kind, trueUp.Amount));
        Assert.Equal(50m, result.Total);
    }

    [Fact]
    public void Rate_InAdvanceAndInArrears_SplitTheFeesAndTogetherMakeTheWhole_TheCommitmentCountingBoth()
    {
        const string plan = Calls + """
            plan p { currency USD fee base 10 recurring in advance fee setup 5 once in advance fee support 3 recurring
                charge calls { per unit 1 } commitment 50 }
            """;
        var events = new[] { At(1), At(2) };

        var whole = Rate(plan, events);
        var advance = Rate(plan, events, new RatingOptions(Part: RatedPart.InAdvance));
        var arrears = Rate(plan, events, new RatingOptions(Part: RatedPart.InArrears));

        Assert.Equal([("base", 10m), ("setup", 5m)], advance.Lines.Select(l => (l.Description, l.Amount)));
        Assert.Equal([("support", 3m), ("calls", 2m), ("minimum commitment", 30m)], arrears.Lines.Select(l => (l.Description, l.Amount)));
        Assert.Equal("the period's charges of 20 (with 15 of fees billed in advance) are below the commitment of 50", arrears.Lines[^1].Explanation);
        Assert.Equal((50m, 15m, 35m), (whole.Total, advance.Total, arrears.Total));
        Assert.Equal(0m, Rate(plan, events, new RatingOptions(IncludeOneTimeFees: false, InTrial: true, Part: RatedPart.InAdvance)).Total);
    }

    [Fact]
    public void Rate_PricesByDimension_AndSaysWhenAGroupHasNoPrice()
    {
        var result = Rate(
            "meter tokens { sum measures.tokens group by dimensions.model }\n" +
            "plan p { currency USD charge tokens by dimensions.model { when \"small\" per unit 0.001 when \"large\" per unit 0.01 } }",
            [
                At(1, measures: [("tokens", 1000)], dimensions: [("model", "small")]),
                At(2, measures: [("tokens", 100)], dimensions: [("model", "large")]),
                At(3, measures: [("tokens", 5)], dimensions: [("model", "huge")]),
            ]);

        Assert.Equal([("tokens [huge]", 0m), ("tokens [large]", 1m), ("tokens [small]", 1m)], result.Lines.Select(l => (l.Description, l.Amount)));
        Assert.Equal("no price for dimensions.model \"huge\" in this plan", result.Lines[0].Explanation);
    }

    [Fact]
    public void Rate_Rounding_EachLineToMinorUnitsAndTheTotalIsTheSumOfRoundedLines()
    {
        var result = Rate(
            "meter a { count }\nmeter b { count }\nplan p { currency JPY charge a { per unit 0.5 } charge b { per unit 0.5 } }",
            [At(1)]);

        Assert.Equal([1m, 1m], result.Lines.Select(l => l.RoundedAmount));
        Assert.Equal(1.0m, result.ExactTotal);
        Assert.Equal(2m, result.Total);

        var even = Rate("meter a { count }\nplan p { currency JPY rounding half_even charge a { per unit 0.5 } }", [At(1)]);
        Assert.Equal(0m, even.Total);
    }

    [Fact]
    public void Rate_Explanations_ShowTiersFreeUnitsAndPrices()
    {
        var result = Rate(Calls + "plan p { currency USD charge calls { graduated { up to 2 at 1 above at 0.5 flat 3 } free 1 } }",
            [At(1), At(2), At(3), At(4), At(5)]);

        Assert.Equal("1 of 5 free; graduated: 2 × 1 (up to 2) + 2 × 0.5 (above 2) + flat 3", result.Lines[0].Explanation);
        Assert.Equal(6m, result.Total);
    }

    [Fact]
    public void RateIncrement_PricesNewUsageAgainstTheRunningTotalAndDropsUnchangedFees()
    {
        const string plan = Calls + "plan p { currency USD fee base 10 recurring charge calls { graduated { up to 2 at 1 above at 5 } } }";
        UsageEvent[] events = [At(1), At(2), At(20), At(21)];
        var engine = new InterpretedRatingEngine(TestDocuments.Bind(plan).Plans[0]);

        var increment = PlanRater.RateIncrement(engine, events, JanuaryPeriod, January.AddDays(19));

        var line = Assert.Single(increment.Lines);
        Assert.Equal((2m, 10m), (line.Quantity, line.Amount));
    }

    [Fact]
    public void Rate_AmountBeyondADecimal_IsARatingErrorNamingThePlanChargeAndLine()
    {
        var engine = new InterpretedRatingEngine(TestDocuments.Bind(Calls + "plan p {\n    currency USD\n    charge calls { per unit 7000000000000000000000000000 }\n}").Plans[0]);

        var twentyCalls = Enumerable.Range(1, 20).Select(day => At(day)).ToArray();

        var error = Assert.Throws<RatingException>(() => PlanRater.Rate(engine, twentyCalls, JanuaryPeriod));

        Assert.Equal(("p", "calls", 4), (error.Plan, error.Meter, error.Span.Start.Line));
        Assert.StartsWith("plan `p`, charge on `calls` (4,5): the amount is too large for a decimal", error.Message, StringComparison.Ordinal);
    }

    private static RatingResult Rate(string text, IReadOnlyList<UsageEvent> events, RatingOptions? options = null, UsagePeriod? period = null) =>
        PlanRater.Rate(new InterpretedRatingEngine(TestDocuments.Bind(text).Plans[0]), events, period ?? JanuaryPeriod, options);
}
