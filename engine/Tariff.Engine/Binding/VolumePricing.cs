namespace Tariff.Engine.Binding;

/// <summary>The tier containing the whole quantity prices all of it, plus its flat fee.</summary>
public sealed record VolumePricing(IReadOnlyList<BoundTier> Tiers) : BoundPricing;
