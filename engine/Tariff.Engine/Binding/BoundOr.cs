namespace Tariff.Engine.Binding;

/// <summary>Either condition.</summary>
public sealed record BoundOr(BoundCondition Left, BoundCondition Right) : BoundCondition;
