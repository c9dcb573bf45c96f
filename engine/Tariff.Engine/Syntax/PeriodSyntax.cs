namespace Tariff.Engine.Syntax;

/// <summary><c>period month</c>, optionally <c>calendar</c> (the default) or <c>anniversary</c>.</summary>
public sealed record PeriodSyntax(NameSyntax Unit, NameSyntax? Alignment) : SyntaxNode;
