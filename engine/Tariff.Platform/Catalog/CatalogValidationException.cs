using Tariff.Engine.Diagnostics;

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
}
