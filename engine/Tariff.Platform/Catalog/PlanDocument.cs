using Tariff.Engine.Binding;
using Tariff.Engine.Diagnostics;
using Tariff.Engine.Syntax;

namespace Tariff.Platform.Catalog;

/// <summary>A plan's text, checked: its meters and exactly one <c>plan</c> block, bound and free of errors.</summary>
/// <remarks><c>Meters</c>: every meter of the document, charged or not (a quota may name a meter no charge prices).</remarks>
public sealed record PlanDocument(BoundPlan Plan, DocumentSyntax Syntax, IReadOnlyList<BoundMeter> Meters)
{
    /// <summary>The most text a plan may hold, so that one request cannot occupy the checker for long.</summary>
    public const int MaxLength = 1_000_000;

    /// <summary>The checked document, or a <see cref="CatalogValidationException"/> on <paramref name="field"/> with every diagnostic.</summary>
    public static PlanDocument Check(string? text, string field = "text")
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new CatalogValidationException(field, "is required: the plan's pricing text.");
        }

        if (text.Length > MaxLength)
        {
            throw new CatalogValidationException(field, $"is {text.Length:N0} characters long; the limit is {MaxLength:N0}.");
        }

        var result = Binder.Check(text);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            var first = errors[0];
            throw new CatalogValidationException(
                new Dictionary<string, string[]> { [field] = [$"has {errors.Count} error(s); the first, {first.Id} at line {first.Span.Start.Line}, column {first.Span.Start.Column + 1}: {first.Message}"] },
                result.Diagnostics);
        }

        return result.Document!.Plans.Count == 1
            ? new PlanDocument(result.Document.Plans[0], result.Syntax!, result.Document.Meters)
            : throw new CatalogValidationException(field, $"must hold exactly one plan block; it holds {result.Document.Plans.Count}.");
    }
}
