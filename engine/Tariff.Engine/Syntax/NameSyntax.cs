using System.Text.Json.Serialization;

namespace Tariff.Engine.Syntax;

/// <summary>A name as written (a declared name, a referenced meter, a currency code), with its own span.</summary>
/// <param name="Value">The text of the name.</param>
[JsonConverter(typeof(NameSyntaxJsonConverter))]
public sealed record NameSyntax(string Value) : SyntaxNode
{
    public override string ToString() => Value;
}
