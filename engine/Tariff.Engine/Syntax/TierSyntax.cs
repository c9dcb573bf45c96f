namespace Tariff.Engine.Syntax;

/// <summary><c>up to 100 at 0.01 flat 5</c>, or <c>above at 0.005</c> when <see cref="UpTo"/> is null.</summary>
/// <param name="UpTo">The tier's upper bound, included; null for the open last tier.</param>
/// <param name="Price">The unit price inside the tier.</param>
/// <param name="Flat">A flat fee charged once the tier is reached.</param>
public sealed record TierSyntax(decimal? UpTo, MoneySyntax Price, MoneySyntax? Flat) : SyntaxNode;
