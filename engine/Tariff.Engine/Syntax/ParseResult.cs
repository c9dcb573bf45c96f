using Tariff.Engine.Diagnostics;

namespace Tariff.Engine.Syntax;

/// <summary>The outcome of parsing: always a tree (built from what could be recovered) and every problem found.</summary>
/// <param name="Document">The syntax tree; declarations the parser could not recover are left out.</param>
/// <param name="Diagnostics">Every problem in the document, in source order.</param>
public sealed record ParseResult(DocumentSyntax Document, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>Comment lines inside declarations: the canonical form keeps only those above a declaration.</summary>
    public int InnerComments { get; init; }

    /// <summary>True when at least one diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}
