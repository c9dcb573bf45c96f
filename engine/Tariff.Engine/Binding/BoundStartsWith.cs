namespace Tariff.Engine.Binding;

/// <summary>A text field starting with a prefix (ordinal comparison).</summary>
public sealed record BoundStartsWith(BoundField Field, string Prefix) : BoundCondition;
