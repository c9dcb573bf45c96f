namespace Tariff.Engine.Syntax;

/// <summary><c>trial 14 days</c>.</summary>
public sealed record TrialSyntax(decimal Length, NameSyntax Unit) : SyntaxNode;
