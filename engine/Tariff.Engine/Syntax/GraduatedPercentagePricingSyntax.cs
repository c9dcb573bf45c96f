namespace Tariff.Engine.Syntax;

/// <summary><c>graduated percentage { rate tiers }</c>: each slice of the running total at its tier's rate.</summary>
public sealed record GraduatedPercentagePricingSyntax(IReadOnlyList<RateTierSyntax> Tiers) : PricingSyntax;
