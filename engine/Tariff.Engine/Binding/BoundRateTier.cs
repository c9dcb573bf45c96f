namespace Tariff.Engine.Binding;

/// <summary>A percentage tier: the running total up to <see cref="UpTo"/> at a rate in percent, plus a flat fee once entered.</summary>
public sealed record BoundRateTier(decimal? UpTo, decimal RatePercent, decimal Flat);
