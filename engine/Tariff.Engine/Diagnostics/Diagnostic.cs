using Tariff.Engine.Text;

namespace Tariff.Engine.Diagnostics;

/// <summary>
/// A problem found in a document. Diagnostics are data, collected rather than thrown (DESIGN.md, convention 6).
/// </summary>
/// <param name="Id">A stable identifier such as <c>TRF0001</c>; see <see cref="DiagnosticIds"/>.</param>
/// <param name="Severity">Whether the document can still be compiled.</param>
/// <param name="Message">A sentence a person understands, naming what is wrong.</param>
/// <param name="Span">Exactly where in the document.</param>
public sealed record Diagnostic(string Id, DiagnosticSeverity Severity, string Message, SourceSpan Span)
{
    /// <summary>Formats as <c>path(line,col): error TRF0001: message</c>, the form compilers and editors parse.</summary>
    public string Format(string path) =>
        $"{path}({Span.Start}): {Severity.ToString().ToLowerInvariant()} {Id}: {Message}";

    /// <summary>Diagnostics in source order (stable for equal positions), as the checker reports them.</summary>
    public static IReadOnlyList<Diagnostic> InSourceOrder(IEnumerable<Diagnostic> diagnostics) =>
        [.. diagnostics.OrderBy(d => d.Span.Start.Line).ThenBy(d => d.Span.Start.Column)];
}
