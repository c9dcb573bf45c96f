namespace Tariff.Engine.Syntax;

/// <summary><c>volume { tiers }</c>: the tier containing the whole quantity prices all of it.</summary>
public sealed record VolumePricingSyntax(IReadOnlyList<TierSyntax> Tiers) : PricingSyntax;
