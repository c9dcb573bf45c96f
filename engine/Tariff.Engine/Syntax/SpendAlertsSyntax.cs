namespace Tariff.Engine.Syntax;

/// <summary>A plan's spend thresholds: <c>alerts at 500, 1000 USD</c> warns when a period's charges reach each amount.</summary>
public sealed record SpendAlertsSyntax(IReadOnlyList<decimal> Amounts, NameSyntax Currency) : SyntaxNode;
