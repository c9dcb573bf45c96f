namespace Tariff.Engine.Binding;

/// <summary>A price tier: units up to <see cref="UpTo"/> (included; null for the open last tier) at a unit price, plus a flat fee once reached.</summary>
public sealed record BoundTier(decimal? UpTo, decimal UnitPrice, decimal Flat);
