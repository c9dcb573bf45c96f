namespace Tariff.Engine.Syntax;

/// <summary>The immutable syntax tree of one <c>.tariff</c> document. No ANTLR type escapes the syntax layer.</summary>
/// <param name="Declarations">The declarations in source order.</param>
public sealed record DocumentSyntax(IReadOnlyList<DeclarationSyntax> Declarations) : SyntaxNode
{
    /// <summary>True when both documents have the same content, whatever their layout and comments.</summary>
    public bool IsEquivalentTo(DocumentSyntax other) =>
        DocumentJson.Serialize(this) == DocumentJson.Serialize(other);
}
