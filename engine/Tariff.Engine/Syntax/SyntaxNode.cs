using System.Text.Json.Serialization;
using Tariff.Engine.Text;

namespace Tariff.Engine.Syntax;

/// <summary>
/// The base of every syntax node. Nodes are immutable records; <see cref="Span"/> says where the node was written
/// and is not part of the canonical JSON form, so that documents compare by content (see <see cref="DocumentSyntax"/>).
/// </summary>
public abstract record SyntaxNode
{
    /// <summary>Where the node stands in the source text; default for nodes built from JSON.</summary>
    [JsonIgnore]
    public SourceSpan Span { get; init; }
}
