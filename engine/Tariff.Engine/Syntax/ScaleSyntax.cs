namespace Tariff.Engine.Syntax;

/// <summary><c>divide by 1000000000</c> or <c>multiply by 60</c>.</summary>
public sealed record ScaleSyntax(ScaleOperation Operation, decimal Factor) : SyntaxNode;
