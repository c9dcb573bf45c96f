namespace Tariff.Engine.Syntax;

/// <summary>
/// A query's range: either relative to when it runs (<c>last 30 days</c>, <c>last 12 hours</c>) or fixed
/// (<c>from 2026-10-01 to 2026-11-01</c>, UTC days, the end excluded).
/// </summary>
/// <param name="Length">How many units back, for <c>last</c>.</param>
/// <param name="Unit">The unit of <c>last</c>: <c>days</c> or <c>hours</c>.</param>
/// <param name="From">The first day, for <c>from … to</c>.</param>
/// <param name="To">The day after the last one, for <c>from … to</c>.</param>
public sealed record QueryRangeSyntax(decimal? Length, NameSyntax? Unit, DateOnly? From, DateOnly? To) : SyntaxNode;
