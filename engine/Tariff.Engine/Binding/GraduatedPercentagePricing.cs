namespace Tariff.Engine.Binding;

/// <summary>Each slice of the running total at its tier's rate; a tier's flat fee once, when the total first enters it.</summary>
public sealed record GraduatedPercentagePricing(IReadOnlyList<BoundRateTier> Tiers) : BoundPricing;
