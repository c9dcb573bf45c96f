namespace Tariff.Engine.Binding;

/// <summary>A discount on a charge: a percentage or an amount, until a date (exclusive) or for good.</summary>
public sealed record BoundDiscount(decimal? Percent, decimal? Amount, DateOnly? Until);
