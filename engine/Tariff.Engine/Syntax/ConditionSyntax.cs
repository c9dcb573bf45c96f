using System.Text.Json.Serialization;

namespace Tariff.Engine.Syntax;

/// <summary>A condition on an event's fields, in a meter's <c>where</c>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(ComparisonConditionSyntax), "compare")]
[JsonDerivedType(typeof(InConditionSyntax), "in")]
[JsonDerivedType(typeof(BetweenConditionSyntax), "between")]
[JsonDerivedType(typeof(StartsWithConditionSyntax), "starts_with")]
[JsonDerivedType(typeof(MatchesConditionSyntax), "matches")]
[JsonDerivedType(typeof(NotConditionSyntax), "not")]
[JsonDerivedType(typeof(AndConditionSyntax), "and")]
[JsonDerivedType(typeof(OrConditionSyntax), "or")]
public abstract record ConditionSyntax : SyntaxNode;
