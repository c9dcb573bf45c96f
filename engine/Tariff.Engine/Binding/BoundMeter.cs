using Tariff.Engine.Syntax;

namespace Tariff.Engine.Binding;

/// <summary>A checked meter: every field resolved and typed.</summary>
/// <param name="Name">The meter's name.</param>
/// <param name="Function">The aggregation.</param>
/// <param name="Field">The field aggregated (null for <c>count</c>).</param>
/// <param name="Filter">All <c>where</c> conditions combined, or null to count every event.</param>
/// <param name="GroupBy">The grouping fields, in order.</param>
/// <param name="Scaling">Unit conversions, in order.</param>
/// <param name="Rounding">Rounding of the converted quantity.</param>
/// <param name="Unit">The unit's label.</param>
public sealed record BoundMeter(
    string Name,
    AggregationFunction Function,
    BoundField? Field,
    BoundCondition? Filter,
    IReadOnlyList<BoundField> GroupBy,
    IReadOnlyList<BoundScale> Scaling,
    QuantityRounding? Rounding,
    string? Unit);
