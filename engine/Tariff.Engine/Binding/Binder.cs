using Tariff.Engine.Diagnostics;
using Tariff.Engine.Syntax;

namespace Tariff.Engine.Binding;

/// <summary>
/// Checks what a document means: every name resolved, every field typed, every amount in its plan's currency,
/// every tier table well-formed. Reports all it finds; builds the bound document only when nothing is wrong.
/// </summary>
public static class Binder
{
    /// <summary>Parses and binds text in one step; parse diagnostics come first in the list when positions tie.</summary>
    public static BindResult Check(string text)
    {
        var parsed = DocumentParser.Parse(text);
        var bound = Bind(parsed.Document);
        var diagnostics = new DiagnosticBag();
        diagnostics.AddRange(parsed.Diagnostics);
        diagnostics.AddRange(bound.Diagnostics);
        var all = diagnostics.ToSortedList();
        return new BindResult(parsed.HasErrors ? null : bound.Document, all) { Syntax = parsed.Document };
    }

    /// <summary>Binds a syntax tree.</summary>
    public static BindResult Bind(DocumentSyntax document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var context = new BindingContext();
        var meters = new Dictionary<string, BoundMeter?>(StringComparer.Ordinal);
        var meterNames = new HashSet<string>(StringComparer.Ordinal);

        foreach (var meter in document.Declarations.OfType<MeterSyntax>())
        {
            if (!meterNames.Add(meter.Name.Value))
            {
                context.Error(DiagnosticIds.DuplicateDeclaration, meter.Name.Span, $"a meter named `{meter.Name.Value}` is already declared");
                continue;
            }

            meters[meter.Name.Value] = MeterBinder.BindMeter(meter, context);
        }

        var plans = BindEach<PlanSyntax, BoundPlan>(document, "plan", plan => PlanBinder.BindPlan(plan, meters, context), context);
        var schedules = BindEach<ScheduleSyntax, BoundSchedule>(document, "schedule", schedule => ScheduleBinder.BindSchedule(schedule, context), context);
        var queries = BindEach<QuerySyntax, BoundQuery>(document, "query", query => QueryBinder.BindQuery(query, meters, context), context);

        var diagnostics = context.Diagnostics.ToSortedList();
        var ok = !diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
        return new BindResult(ok ? new BoundDocument([.. meters.Values.OfType<BoundMeter>()], plans) { Schedules = schedules, Queries = queries } : null, diagnostics);
    }

    // Binds every declaration of one kind; a second declaration of a name is reported and left unbound.
    private static List<TBound> BindEach<TSyntax, TBound>(DocumentSyntax document, string kind, Func<TSyntax, TBound?> bind, BindingContext context)
        where TSyntax : DeclarationSyntax
        where TBound : class
    {
        var bound = new List<TBound>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var declaration in document.Declarations.OfType<TSyntax>())
        {
            if (!names.Add(declaration.Name.Value))
            {
                context.Error(DiagnosticIds.DuplicateDeclaration, declaration.Name.Span, $"a {kind} named `{declaration.Name.Value}` is already declared");
            }
            else if (bind(declaration) is { } one)
            {
                bound.Add(one);
            }
        }

        return bound;
    }
}
