using Tariff.Engine.Syntax;

namespace Tariff.Engine.Binding;

/// <summary>A field compared with a constant of the field's type (exactly one of the two constants is set).</summary>
public sealed record BoundComparison(BoundField Field, ComparisonOperator Operator, string? Text, decimal? Number) : BoundCondition;
