using Tariff.Engine.Binding;
using Tariff.Engine.Evaluation;

namespace Tariff.Engine.Rating;

/// <summary>
/// Runs a plan's embedded examples. An example gives meter quantities (or each event's value) directly and is rated
/// as a regular period: recurring fees, no one-time fees, no trial, before any time-limited discount ends.
/// </summary>
public static class ExampleRunner
{
    private static readonly UsagePeriod ExamplePeriod = new(
        new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2000, 2, 1, 0, 0, 0, TimeSpan.Zero));

    /// <summary>Rates every example of the plan with the given engine and compares totals.</summary>
    public static IReadOnlyList<ExampleOutcome> Run(IRatingEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var plan = engine.Plan;
        var outcomes = new List<ExampleOutcome>();
        foreach (var example in plan.Examples)
        {
            var meters = plan.Charges.Select(charge => MeterResultOf(charge, example)).ToList();
            var result = PlanRater.RateMeters(engine, meters, ExamplePeriod, new RatingOptions(IncludeOneTimeFees: false));
            outcomes.Add(new ExampleOutcome(plan.Name, example.Name, example.ExpectedTotal, result.Total, example.Span));
        }

        return outcomes;
    }

    private static MeterResult MeterResultOf(BoundCharge charge, BoundExample example)
    {
        var groups = example.Usage
            .Where(u => u.Meter == charge.Meter.Name)
            .GroupBy(u => u.Group, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var values = g.SelectMany(u => u.Values).ToList();
                var perEvent = g.Any(u => u.PerEvent);
                IReadOnlyList<string> groupValues = charge.Meter.GroupBy.Count == 0 ? [] : g.Key.Split(", ");
                return new MeterGroup(groupValues, values.Sum(), perEvent ? values : []);
            });
        return new MeterResult(charge.Meter.Name, [.. groups]);
    }
}
