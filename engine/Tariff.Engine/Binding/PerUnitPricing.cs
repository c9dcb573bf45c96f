namespace Tariff.Engine.Binding;

/// <summary>Every unit at one price.</summary>
public sealed record PerUnitPricing(decimal UnitPrice) : BoundPricing;
