namespace Tariff.Engine.Syntax;

/// <summary><c>fee platform 49.00 recurring in advance</c>.</summary>
public sealed record FeeSyntax(NameSyntax Name, MoneySyntax Amount, FeeTiming Timing, FeeBilling Billing) : SyntaxNode;
