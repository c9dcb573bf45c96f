namespace Tariff.Engine.Syntax;

/// <summary><c>per unit 0.002</c>.</summary>
public sealed record PerUnitPricingSyntax(MoneySyntax Price) : PricingSyntax;
