namespace Tariff.Engine.Binding;

/// <summary>A text field matching a glob.</summary>
public sealed record BoundMatches(BoundField Field, GlobPattern Glob) : BoundCondition;
