namespace Tariff.Engine.Syntax;

/// <summary><c>example "name" { usage …; expect total = … }</c>: a test case kept next to the pricing.</summary>
public sealed record ExampleSyntax(string Name, IReadOnlyList<ExampleUsageSyntax> Usage, MoneySyntax? ExpectedTotal) : SyntaxNode;
