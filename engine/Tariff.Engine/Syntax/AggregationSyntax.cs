namespace Tariff.Engine.Syntax;

/// <summary>A meter's aggregation: a function and, except for <c>count</c>, the field it reads.</summary>
public sealed record AggregationSyntax(AggregationFunction Function, FieldSyntax? Field) : SyntaxNode;
