using Tariff.Engine.Binding;
using Tariff.Engine.Diagnostics;

namespace Tariff.Engine.Tests.Binding;

public sealed class BinderTests
{
    private const string Meter = "meter api_calls {\n    count\n}\n";

    [Fact]
    public void Check_MisspelledMeter_SuggestsTheDeclaredOne()
    {
        var diagnostic = Single(Meter + "plan p {\n    currency USD\n    charge api_cals {\n        per unit 1\n    }\n}\n");

        Assert.Equal((DiagnosticIds.UnknownMeter, "unknown meter `api_cals`; did you mean `api_calls`?"), (diagnostic.Id, diagnostic.Message));
        Assert.Equal((6, 11), (diagnostic.Span.Start.Line, diagnostic.Span.Start.Column));
    }

    [Fact]
    public void Check_MisspelledField_SuggestsTheBuiltInOne()
    {
        var diagnostic = Single("meter m {\n    count\n    where staus = 200\n}\n");

        Assert.Equal("unknown field `staus`; did you mean `status`?", diagnostic.Message);
    }

    [Theory]
    [InlineData("meter m { sum method }", "`sum` needs a numeric field, and `method` holds text")]
    [InlineData("meter m { count where status = \"200\" }", "`status` is a number; compare it with a number")]
    [InlineData("meter m { count where method = 200 }", "`method` holds text; compare it with a string")]
    [InlineData("meter m { count where method < \"B\" }", "compared with `=` or `!=` only")]
    [InlineData("meter m { count where status starts with \"2\" }", "`starts with` works on text")]
    [InlineData("meter m { count where status between 500 and 200 }", "the range is empty")]
    [InlineData("meter m { count divide by 0 }", "greater than zero")]
    [InlineData("meter m { count round sideways }", "unknown rounding `sideways`")]
    public void Check_MeterMistakes_AreExplained(string text, string expected)
    {
        Assert.Contains(expected, Single(text).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("currency USX", "`USX` is not an ISO 4217 currency code; did you mean `USD`?")]
    [InlineData("currency USD\n    fee base 10 EUR recurring", "this amount is in EUR but the plan bills in USD")]
    [InlineData("currency USD\n    period mnth", "unknown billing period `mnth`; use week, month, quarter, year; did you mean `month`?")]
    [InlineData("currency USD\n    trial 2 fortnights", "unknown trial unit `fortnights`")]
    [InlineData("currency USD\n    charge api_calls { graduated { up to 10 at 1 up to 5 at 1 above at 1 } }", "tiers must rise")]
    [InlineData("currency USD\n    charge api_calls { graduated { up to 10 at 1 } }", "end the tiers with `above at …`")]
    [InlineData("currency USD\n    charge api_calls { volume { above at 1 up to 10 at 2 } }", "the open tier (`above`) must be the last")]
    [InlineData("currency USD\n    charge api_calls { percentage 1% }", "meter `api_calls` must `sum` a field, not `count`")]
    [InlineData("currency USD\n    charge api_calls { percentage 120% }", "a rate is between 0% and 100%")]
    [InlineData("currency USD\n    charge api_calls { package of 0 for 1 }", "more than zero units")]
    [InlineData("currency USD\n    charge api_calls { per unit -1 }", "a unit price cannot be negative")]
    [InlineData("currency USD\n    charge api_calls by method { when \"GET\" per unit 1 }", "meter `api_calls` is not grouped")]
    [InlineData("currency USD\n    charge api_calls { when \"GET\" per unit 1 }", "add `by FIELD`")]
    [InlineData("currency USD\n    charge api_calls { per unit 1 minimum 10 maximum 5 }", "the maximum (5) is below the minimum (10)")]
    [InlineData("currency USD\n    charge api_calls { per unit 1 }\n    charge api_calls { per unit 2 }", "`api_calls` is already charged on line")]
    [InlineData("currency USD\n    quota api_cals 10 hard", "unknown meter `api_cals`; did you mean `api_calls`?")]
    [InlineData("currency USD\n    example \"x\" { usage api_calls = 1 expect total = 1 }", "the plan does not charge `api_calls`")]
    [InlineData("fee base 10 recurring", "plan `p` has no currency; add one such as `currency USD`")]
    public void Check_PlanMistakes_AreExplained(string body, string expected)
    {
        var diagnostics = Binder.Check(Meter + $"plan p {{\n    {body}\n}}\n").Diagnostics;

        Assert.Contains(diagnostics, d => d.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Check_SeveralMistakes_AreAllReportedInSourceOrder()
    {
        var diagnostics = Binder.Check("meter m { sum methd }\nplan p {\n    currency XYZ\n    charge n { per unit 1 }\n}\n").Diagnostics;

        Assert.Equal([DiagnosticIds.UnknownField, DiagnosticIds.UnknownCurrency, DiagnosticIds.UnknownMeter], diagnostics.Select(d => d.Id));
    }

    [Fact]
    public void Check_FullPlan_BindsEveryConstruct()
    {
        var document = TestDocuments.Bind(TestDocuments.FullPlan);

        var plan = Assert.Single(document.Plans);
        Assert.Equal(("USD", 2), (plan.Currency.Code, plan.Currency.MinorUnits));
        Assert.Equal(5, plan.Charges.Count);
        Assert.Equal([50m, 80m, 100m], plan.AlertThresholds);
        Assert.Equal(new TrialPeriod(14, TrialUnit.Days), plan.Trial);
        Assert.Equal(7, document.Meters.Count);
        Assert.Equal(["daily_usage", "october"], document.Queries.Select(q => q.Name));
        Assert.Equal(["api_calls", "tokens"], document.Queries[0].Meters.Select(m => m.Name));
        Assert.Equal(["C-1001", "C-1002"], document.Queries[0].Consumers);
        Assert.Equal(TimeSpan.FromDays(1), document.Queries[0].Step);
        Assert.Equal(new Tariff.Engine.Evaluation.UsagePeriod(new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero)), document.Queries[1].Range.Fixed);
    }

    [Fact]
    public void Check_PlanWithoutAlerts_GetsTheDefaultThresholds()
    {
        var plan = TestDocuments.Bind(Meter + "plan p { currency EUR charge api_calls { per unit 1 } }").Plans[0];

        Assert.Equal([80m, 90m, 100m], plan.AlertThresholds);
        Assert.Equal(new BillingPeriod(PeriodUnit.Month, PeriodAlignment.Calendar), plan.Period);
    }

    private static Diagnostic Single(string text)
    {
        var result = Binder.Check(text);
        return Assert.Single(result.Diagnostics);
    }
}
