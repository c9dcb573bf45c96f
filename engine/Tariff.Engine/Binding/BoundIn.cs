namespace Tariff.Engine.Binding;

/// <summary>A field's value among a set of constants (texts for text fields, numbers for numeric ones).</summary>
public sealed record BoundIn(BoundField Field, bool Negated, IReadOnlyList<string> Texts, IReadOnlyList<decimal> Numbers) : BoundCondition;
