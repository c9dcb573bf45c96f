using Tariff.Engine.Diagnostics;
using Tariff.Engine.Syntax;

namespace Tariff.Engine.Binding;

/// <summary>The outcome of checking a document: every diagnostic, and the bound document when there is no error.</summary>
public sealed record BindResult(BoundDocument? Document, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>The syntax tree that was checked (from <see cref="Binder.Check"/>).</summary>
    public DocumentSyntax? Syntax { get; init; }

    /// <summary>True when at least one diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}
