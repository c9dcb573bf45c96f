namespace Tariff.Engine.Syntax;

/// <summary>A <c>meter</c>: what to count from usage events.</summary>
/// <param name="Name">The meter's name.</param>
/// <param name="Aggregation">How events become a quantity; null only in a document with errors.</param>
/// <param name="Filters">Conditions every counted event meets (all of them).</param>
/// <param name="GroupBy">Fields whose values split the quantity into groups, priced separately.</param>
/// <param name="Scaling">Unit conversions applied to the aggregated quantity, in order.</param>
/// <param name="Rounding">How the converted quantity is rounded, if at all.</param>
/// <param name="Unit">A label for the quantity's unit, for people.</param>
public sealed record MeterSyntax(
    NameSyntax Name,
    AggregationSyntax? Aggregation,
    IReadOnlyList<ConditionSyntax> Filters,
    IReadOnlyList<FieldSyntax> GroupBy,
    IReadOnlyList<ScaleSyntax> Scaling,
    QuantityRoundingSyntax? Rounding,
    string? Unit) : DeclarationSyntax(Name);
