namespace Tariff.Engine.Syntax;

/// <summary><c>round up</c>, optionally <c>to N places</c>: how a meter's converted quantity is rounded.</summary>
/// <param name="Mode">The rounding mode as written (<c>up</c>, <c>down</c>, <c>half_up</c>, <c>half_even</c>).</param>
/// <param name="Places">Decimal places to keep; 0 when not written.</param>
public sealed record QuantityRoundingSyntax(NameSyntax Mode, int Places) : SyntaxNode;
