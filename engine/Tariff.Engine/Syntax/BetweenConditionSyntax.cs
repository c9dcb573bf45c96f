namespace Tariff.Engine.Syntax;

/// <summary><c>status between 200 and 299</c> (both ends included), or with <c>not between</c>.</summary>
public sealed record BetweenConditionSyntax(FieldSyntax Field, bool Negated, LiteralSyntax Low, LiteralSyntax High) : ConditionSyntax;
