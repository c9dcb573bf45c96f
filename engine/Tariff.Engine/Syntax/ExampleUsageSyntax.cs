namespace Tariff.Engine.Syntax;

/// <summary>
/// <c>usage api_calls = 1500</c>, <c>usage tokens["large"] = 200</c>, or per event <c>usage payments = [50, 100]</c>.
/// </summary>
/// <param name="Meter">The meter.</param>
/// <param name="Group">The group (dimension value) for a grouped meter.</param>
/// <param name="Values">The quantity, or each event's value when <paramref name="PerEvent"/>.</param>
/// <param name="PerEvent">True when the values are individual events.</param>
public sealed record ExampleUsageSyntax(NameSyntax Meter, string? Group, IReadOnlyList<decimal> Values, bool PerEvent) : SyntaxNode;
