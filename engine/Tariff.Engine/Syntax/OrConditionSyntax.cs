namespace Tariff.Engine.Syntax;

/// <summary><c>… or …</c>.</summary>
public sealed record OrConditionSyntax(ConditionSyntax Left, ConditionSyntax Right) : ConditionSyntax;
