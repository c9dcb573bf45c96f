using Tariff.Engine.Text;

namespace Tariff.Engine.Binding;

/// <summary>A plan's embedded test case.</summary>
public sealed record BoundExample(string Name, IReadOnlyList<BoundExampleUsage> Usage, decimal ExpectedTotal, SourceSpan Span);
