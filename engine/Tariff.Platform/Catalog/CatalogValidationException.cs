using Tariff.Engine.Diagnostics;
using Tariff.Engine.Text;

namespace Tariff.Platform.Catalog;

/// <summary>
/// A catalog request that cannot be carried out as asked: each entry names the field and says what is wrong with it.
/// A plan text with errors also carries the checker's diagnostics (ids, messages and exact positions).
/// </summary>
public sealed class CatalogValidationException : Exception
{
    public CatalogValidationException(string field, string message)
        : this(new Dictionary<string, string[]> { [field] = [message] })
    {
    }

    public CatalogValidationException(IReadOnlyDictionary<string, string[]> errors, IReadOnlyList<Diagnostic>? diagnostics = null)
        : base(string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")))
    {
        Errors = errors;
        Diagnostics = diagnostics ?? [];
    }

    public CatalogValidationException()
        : this(new Dictionary<string, string[]>())
    {
    }

    public CatalogValidationException(string message)
        : this(string.Empty, message)
    {
    }

    public CatalogValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = new Dictionary<string, string[]> { [string.Empty] = [message] };
        Diagnostics = [];
    }

    /// <summary>Field name to messages.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    /// <summary>The pricing checker's diagnostics, when the problem is the plan text.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>
    /// The checker's diagnostics; for a refusal of the whole document (not exactly one plan or schedule block), one
    /// error at its start that says so, so that a draft's problems are never an empty list while publishing refuses it.
    /// </summary>
    public IReadOnlyList<Diagnostic> AsDiagnostics() =>
        Diagnostics.Count > 0
            ? Diagnostics
            : [new Diagnostic(DiagnosticIds.MissingItem, DiagnosticSeverity.Error, "The document " + string.Join(" ", Errors.Values.SelectMany(m => m)), SourceSpan.OnLine(1, 0, 0))];
}
