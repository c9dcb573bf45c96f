namespace Tariff.Engine.Syntax;

/// <summary><c>discount 10%</c> or <c>discount 5.00</c>, optionally <c>until 2027-01-01</c> (exclusive).</summary>
public sealed record DiscountSyntax(decimal? Percent, MoneySyntax? Amount, DateOnly? Until) : SyntaxNode;
