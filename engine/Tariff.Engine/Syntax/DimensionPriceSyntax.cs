namespace Tariff.Engine.Syntax;

/// <summary><c>when "eu" per unit 0.02</c>: the pricing of one group of a charge <c>by</c> a field.</summary>
public sealed record DimensionPriceSyntax(string Value, PricingSyntax Pricing) : SyntaxNode;
