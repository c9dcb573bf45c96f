using Tariff.Engine.Text;

namespace Tariff.Engine.Diagnostics;

/// <summary>Collects diagnostics while a document is read or checked.</summary>
internal sealed class DiagnosticBag
{
    private readonly List<Diagnostic> diagnostics = [];

    public void Error(string id, SourceSpan span, string message) =>
        diagnostics.Add(new Diagnostic(id, DiagnosticSeverity.Error, message, span));

    public void Warning(string id, SourceSpan span, string message) =>
        diagnostics.Add(new Diagnostic(id, DiagnosticSeverity.Warning, message, span));

    public void AddRange(IEnumerable<Diagnostic> more) => diagnostics.AddRange(more);

    /// <summary>Every diagnostic in source order (stable for equal positions).</summary>
    public IReadOnlyList<Diagnostic> ToSortedList() => Diagnostic.InSourceOrder(diagnostics);
}
