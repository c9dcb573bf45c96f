namespace Tariff.Engine.Binding;

/// <summary>Each tier prices the units inside it; a tier's flat fee once the tier is reached.</summary>
public sealed record GraduatedPricing(IReadOnlyList<BoundTier> Tiers) : BoundPricing;
