namespace Tariff.Engine.Syntax;

/// <summary><c>quota api_calls 100000 hard</c>.</summary>
public sealed record QuotaSyntax(NameSyntax Meter, decimal Limit, QuotaKind Kind) : SyntaxNode;
