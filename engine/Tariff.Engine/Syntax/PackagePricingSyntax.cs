namespace Tariff.Engine.Syntax;

/// <summary><c>package of 100 for 5.00</c>: every started package costs its price.</summary>
public sealed record PackagePricingSyntax(decimal Size, MoneySyntax Price) : PricingSyntax;
