using System.Globalization;
using Tariff.Engine.Binding;
using Tariff.Engine.Compilation;
using Tariff.Engine.Evaluation;
using Tariff.Engine.Rating;

namespace Tariff.Engine.Tests.Compilation;

/// <summary>
/// The compiled engine and the reference interpreter must agree exactly (digits and scale) on every meter and every
/// rating line: 250 random documents, each rated on 40 random usage sets, 10,000 cases in all.
/// </summary>
public sealed class EngineAgreementTests
{
    private const int Documents = 250;
    private const int UsageSetsPerDocument = 40;

    [Fact]
    public void RandomDocumentsAndUsage_CompiledAndInterpreted_AgreeExactlyOnTenThousandCases()
    {
        var period = new UsagePeriod(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero));
        var cases = 0;
        for (var seed = 1; seed <= Documents; seed++)
        {
            var generator = new RandomDocuments(seed);
            var text = generator.Document();
            var bound = Binder.Check(text);
            Assert.True(bound.Document is not null, $"seed {seed} generated an invalid document:\n{text}\n{string.Join("\n", bound.Diagnostics.Select(d => d.Format("doc")))}");
            var plan = bound.Document!.Plans[0];
            var interpreted = new InterpretedRatingEngine(plan);
            var compiled = CompiledRatingEngine.Compile(plan);

            for (var set = 0; set < UsageSetsPerDocument; set++)
            {
                var events = generator.Usage();
                for (var charge = 0; charge < plan.Charges.Count; charge++)
                {
                    var expected = interpreted.EvaluateMeter(charge, events, period);
                    var actual = compiled.EvaluateMeter(charge, events, period);
                    Assert.True(expected.SameAs(actual), $"seed {seed}, set {set}, charge {charge}: meters differ\n{text}");
                }

                var want = Describe(PlanRater.Rate(interpreted, events, period));
                var got = Describe(PlanRater.Rate(compiled, events, period));
                Assert.True(want == got, $"seed {seed}, set {set}: ratings differ\n{text}\ninterpreted:\n{want}\ncompiled:\n{got}");
                cases++;
            }
        }

        Assert.Equal(Documents * UsageSetsPerDocument, cases);
    }

    [Fact]
    public void GraduatedTierTooLargeForADecimal_BothEnginesPriceBelowItAndOverflowAboveIt()
    {
        const string text = "meter m { count }\nplan p { currency USD charge m { graduated { up to 9000000000000000000000000000 at 100 above at 1 } } }";
        var plan = TestDocuments.Bind(text).Plans[0];
        var interpreted = new InterpretedRatingEngine(plan);
        var compiled = CompiledRatingEngine.Compile(plan);

        Assert.Equal(interpreted.Price(0, 0, 5m, []), compiled.Price(0, 0, 5m, []));
        Assert.Throws<OverflowException>(() => interpreted.Price(0, 0, 9_500_000_000_000_000_000_000_000_000m, []));
        Assert.Throws<OverflowException>(() => compiled.Price(0, 0, 9_500_000_000_000_000_000_000_000_000m, []));
    }

    private static string Describe(RatingResult result) => string.Join("\n",
        result.Lines.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Kind} {l.Description} q={l.Quantity} p={l.UnitPrice} a={l.Amount} r={l.RoundedAmount} {l.Explanation}"))
            .Append(string.Create(CultureInfo.InvariantCulture, $"exact={result.ExactTotal} total={result.Total}")));
}
