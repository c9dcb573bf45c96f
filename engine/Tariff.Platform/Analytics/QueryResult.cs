using Tariff.Engine.Evaluation;

namespace Tariff.Platform.Analytics;

/// <summary>What a query measured: its range as it ran, and one row per consumer, step, meter and group with usage.</summary>
/// <param name="Name">The query's name in its document.</param>
/// <param name="Range">The range the query covered.</param>
/// <param name="Step">The step, or null for totals over the range.</param>
/// <param name="Meters">The meters shown, in column order, with their units (empty when the meter declares none).</param>
/// <param name="Rows">Consumers by code, then steps, then meters in the query's order, then groups.</param>
public sealed record QueryResult(string Name, UsagePeriod Range, TimeSpan? Step, IReadOnlyList<QueryMeter> Meters, IReadOnlyList<QueryRow> Rows)
{
    /// <summary>The starts of the range's steps (one, the range's start, without a step).</summary>
    public IReadOnlyList<DateTimeOffset> Steps => [.. QueryEvaluator.StepsOf(Step, Range).Select(s => s.Start)];
}

/// <summary>A meter a query shows, and its unit.</summary>
public sealed record QueryMeter(string Name, string Unit);

/// <summary>A consumer's quantity of one meter, for one group of the meter's values, in one step (null: the whole range).</summary>
public sealed record QueryRow(string Consumer, DateTimeOffset? Step, string Meter, string Group, decimal Quantity);
