namespace Tariff.Engine.Binding;

/// <summary>Every started package of <see cref="Size"/> units costs <see cref="Price"/>.</summary>
public sealed record PackagePricing(decimal Size, decimal Price) : BoundPricing;
