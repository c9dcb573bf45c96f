namespace Tariff.Engine.Binding;

/// <summary>An example's usage of one meter group: its quantity or its events' values.</summary>
public sealed record BoundExampleUsage(string Meter, string Group, IReadOnlyList<decimal> Values, bool PerEvent);
