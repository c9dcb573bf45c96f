using System.Text.Json.Serialization;

namespace Tariff.Engine.Syntax;

/// <summary>A constant in a condition: a string or a number (exactly one of the two is set).</summary>
public sealed record LiteralSyntax(string? Text, decimal? Number) : SyntaxNode
{
    /// <summary>True for a string, false for a number.</summary>
    [JsonIgnore]
    public bool IsString => Text is not null;
}
