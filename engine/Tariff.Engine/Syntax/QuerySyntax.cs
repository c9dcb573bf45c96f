namespace Tariff.Engine.Syntax;

/// <summary>A <c>query</c>: saved usage analytics, the meters of its document measured per consumer over a range.</summary>
/// <param name="Name">The query's name.</param>
/// <param name="Show">The meters shown, in column order; each is declared in the same document.</param>
/// <param name="Range">The time range; the last 30 days when absent.</param>
/// <param name="Step">The step of the timeline (<c>day</c> or <c>hour</c>); one total over the whole range when absent.</param>
/// <param name="Consumers">Consumer codes of the catalog shown; every consumer when empty.</param>
public sealed record QuerySyntax(
    NameSyntax Name,
    IReadOnlyList<NameSyntax> Show,
    QueryRangeSyntax? Range,
    NameSyntax? Step,
    IReadOnlyList<NameSyntax> Consumers) : DeclarationSyntax(Name);
