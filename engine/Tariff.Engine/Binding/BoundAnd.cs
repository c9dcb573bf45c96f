namespace Tariff.Engine.Binding;

/// <summary>Both conditions.</summary>
public sealed record BoundAnd(BoundCondition Left, BoundCondition Right) : BoundCondition;
