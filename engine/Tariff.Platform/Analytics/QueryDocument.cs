using Tariff.Engine.Binding;
using Tariff.Engine.Diagnostics;
using Tariff.Engine.Syntax;
using Tariff.Platform.Catalog;

namespace Tariff.Platform.Analytics;

/// <summary>
/// A saved query's text, checked: meters and exactly one <c>query</c> block (no plans or schedules, which have their
/// own homes), free of errors, naming only consumers the tenant's catalog has. Each problem is a diagnostic at its place.
/// </summary>
public sealed record QueryDocument(BoundQuery Query, DocumentSyntax Syntax)
{
    /// <summary>Every diagnostic of <paramref name="text"/>, the catalog's included, in source order.</summary>
    public static IReadOnlyList<Diagnostic> Diagnose(string text, ISet<string> consumerCodes) => Inspect(text, consumerCodes).Diagnostics;

    /// <summary>The checked document, or a <see cref="CatalogValidationException"/> on <paramref name="field"/>.</summary>
    public static QueryDocument Check(string? text, ISet<string> consumerCodes, string field = "text")
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > PlanDocument.MaxLength)
        {
            throw new CatalogValidationException(field, $"is required: the query's text, at most {PlanDocument.MaxLength:N0} characters.");
        }

        var (result, diagnostics) = Inspect(text, consumerCodes);
        if (diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error) is { } first)
        {
            var count = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
            throw new CatalogValidationException(
                new Dictionary<string, string[]> { [field] = [$"has {count} error(s); the first, {first.Id} at line {first.Span.Start.Line}, column {first.Span.Start.Column + 1}: {first.Message}"] },
                diagnostics);
        }

        var queries = result.Document!.Queries;
        return queries.Count == 1
            ? new QueryDocument(queries[0], result.Syntax!)
            : throw new CatalogValidationException(field, $"must hold exactly one query block; it holds {queries.Count}.");
    }

    private static (BindResult Result, IReadOnlyList<Diagnostic> Diagnostics) Inspect(string text, ISet<string> consumerCodes)
    {
        ArgumentNullException.ThrowIfNull(consumerCodes);
        var result = Binder.Check(text);
        var diagnostics = result.Diagnostics.ToList();
        var declarations = result.Syntax?.Declarations ?? [];
        foreach (var consumer in declarations.OfType<QuerySyntax>().SelectMany(q => q.Consumers).Where(c => !consumerCodes.Contains(c.Value)))
        {
            diagnostics.Add(new Diagnostic(DiagnosticIds.InvalidQuery, DiagnosticSeverity.Error, $"no consumer with the code `{consumer.Value}` in this tenant", consumer.Span));
        }

        foreach (var other in declarations.Where(d => d is PlanSyntax or ScheduleSyntax))
        {
            diagnostics.Add(new Diagnostic(DiagnosticIds.InvalidQuery, DiagnosticSeverity.Error,
                $"a query's document holds meters and one query; `{other.Name.Value}` belongs with the {(other is PlanSyntax ? "plans" : "schedules")}", other.Name.Span));
        }

        return (result, Diagnostic.InSourceOrder(diagnostics));
    }
}
