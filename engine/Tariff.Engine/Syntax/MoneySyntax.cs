namespace Tariff.Engine.Syntax;

/// <summary>An amount of money, optionally with its currency code, which must then be the plan's.</summary>
public sealed record MoneySyntax(decimal Amount, NameSyntax? Currency) : SyntaxNode;
