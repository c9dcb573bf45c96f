namespace Tariff.Engine.Binding;

/// <summary>The negation of a condition.</summary>
public sealed record BoundNot(BoundCondition Operand) : BoundCondition;
