namespace Tariff.Engine.Binding;

/// <summary>A numeric field between two numbers, both included.</summary>
public sealed record BoundBetween(BoundField Field, bool Negated, decimal Low, decimal High) : BoundCondition;
