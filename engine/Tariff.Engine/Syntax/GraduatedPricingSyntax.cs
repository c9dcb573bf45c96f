namespace Tariff.Engine.Syntax;

/// <summary><c>graduated { tiers }</c>: each tier prices the units inside it.</summary>
public sealed record GraduatedPricingSyntax(IReadOnlyList<TierSyntax> Tiers) : PricingSyntax;
