using System.Text.Json.Serialization;

namespace Tariff.Engine.Syntax;

/// <summary>A top-level named declaration: a meter, a plan, a schedule or a query.</summary>
/// <param name="Name">The declared name.</param>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(MeterSyntax), "meter")]
[JsonDerivedType(typeof(PlanSyntax), "plan")]
[JsonDerivedType(typeof(ScheduleSyntax), "schedule")]
[JsonDerivedType(typeof(QuerySyntax), "query")]
public abstract record DeclarationSyntax(NameSyntax Name) : SyntaxNode
{
    /// <summary>The comment lines written just above the declaration, kept by the formatter (not part of the JSON form).</summary>
    [JsonIgnore]
    public IReadOnlyList<string> LeadingComments { get; init; } = [];
}
