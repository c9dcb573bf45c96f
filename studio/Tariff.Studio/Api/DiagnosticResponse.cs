using Tariff.Engine.Diagnostics;
using Tariff.Engine.Text;

namespace Tariff.Studio.Api;

/// <summary>
/// One diagnostic as the API returns it: the engine's position (line from 1, column from 0) and the editor's range
/// (both from 1), converted in <see cref="EditorPosition"/> so that clients never convert themselves.
/// </summary>
public sealed record DiagnosticResponse(
    string Id, string Severity, string Message, int Line, int Column,
    int StartLineNumber, int StartColumn, int EndLineNumber, int EndColumn)
{
    public static DiagnosticResponse From(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        var start = EditorPosition.FromSource(diagnostic.Span.Start);
        var end = EditorPosition.FromSource(diagnostic.Span.End);
        return new DiagnosticResponse(diagnostic.Id, diagnostic.Severity.ToString().ToLowerInvariant(), diagnostic.Message,
            diagnostic.Span.Start.Line, diagnostic.Span.Start.Column,
            start.LineNumber, start.Column, end.LineNumber, end.Column);
    }
}
