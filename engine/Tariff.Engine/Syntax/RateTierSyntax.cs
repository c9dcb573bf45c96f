namespace Tariff.Engine.Syntax;

/// <summary><c>up to 1000 at 1% flat 200</c>, or <c>above at 3%</c> when <see cref="UpTo"/> is null.</summary>
public sealed record RateTierSyntax(decimal? UpTo, decimal Rate, MoneySyntax? Flat) : SyntaxNode;
