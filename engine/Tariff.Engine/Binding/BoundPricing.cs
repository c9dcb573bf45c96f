namespace Tariff.Engine.Binding;

/// <summary>A checked charge model.</summary>
public abstract record BoundPricing;
