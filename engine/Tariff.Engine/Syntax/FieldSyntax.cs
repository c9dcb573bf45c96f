using System.Text.Json.Serialization;

namespace Tariff.Engine.Syntax;

/// <summary>An event field: a built-in one (<c>method</c>) or a named one (<c>measures.tokens</c>, <c>dimensions.region</c>).</summary>
/// <param name="Path">The field as written, dotted.</param>
[JsonConverter(typeof(FieldSyntaxJsonConverter))]
public sealed record FieldSyntax(string Path) : SyntaxNode
{
    public override string ToString() => Path;
}
