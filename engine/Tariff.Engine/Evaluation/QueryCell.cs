namespace Tariff.Engine.Evaluation;

/// <summary>One measured value of a query: a meter's quantity for one group of its values in one step (or the whole range).</summary>
/// <param name="Step">The step's start, or null when the query has no step.</param>
/// <param name="Meter">The meter's name.</param>
/// <param name="Group">The meter's group values joined by ", " (empty for an ungrouped meter).</param>
/// <param name="Quantity">The meter's quantity, converted and rounded as the meter says.</param>
public sealed record QueryCell(DateTimeOffset? Step, string Meter, string Group, decimal Quantity);
