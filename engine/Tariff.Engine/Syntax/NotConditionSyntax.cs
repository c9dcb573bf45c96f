namespace Tariff.Engine.Syntax;

/// <summary><c>not (…)</c>.</summary>
public sealed record NotConditionSyntax(ConditionSyntax Operand) : ConditionSyntax;
