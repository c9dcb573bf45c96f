namespace Tariff.Engine.Syntax;

/// <summary><c>status &gt;= 500</c>, <c>method = "GET"</c>.</summary>
public sealed record ComparisonConditionSyntax(FieldSyntax Field, ComparisonOperator Operator, LiteralSyntax Value) : ConditionSyntax;
