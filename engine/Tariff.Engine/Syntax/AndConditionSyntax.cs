namespace Tariff.Engine.Syntax;

/// <summary><c>… and …</c>.</summary>
public sealed record AndConditionSyntax(ConditionSyntax Left, ConditionSyntax Right) : ConditionSyntax;
