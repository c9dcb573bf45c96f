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

        var plans = new List<BoundPlan>();
        var planNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var plan in document.Declarations.OfType<PlanSyntax>())
        {
            if (!planNames.Add(plan.Name.Value))
            {
                context.Error(DiagnosticIds.DuplicateDeclaration, plan.Name.Span, $"a plan named `{plan.Name.Value}` is already declared");
                continue;
            }

            if (PlanBinder.BindPlan(plan, meters, context) is { } bound)
            {
                plans.Add(bound);
            }
        }

        var schedules = new List<BoundSchedule>();
        var scheduleNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var schedule in document.Declarations.OfType<ScheduleSyntax>())
        {
            if (!scheduleNames.Add(schedule.Name.Value))
            {
                context.Error(DiagnosticIds.DuplicateDeclaration, schedule.Name.Span, $"a schedule named `{schedule.Name.Value}` is already declared");
                continue;
            }

            if (ScheduleBinder.BindSchedule(schedule, context) is { } bound)
            {
                schedules.Add(bound);
            }
        }

        var queries = new List<BoundQuery>();
        var queryNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var query in document.Declarations.OfType<QuerySyntax>())
        {
            if (!queryNames.Add(query.Name.Value))
            {
                context.Error(DiagnosticIds.DuplicateDeclaration, query.Name.Span, $"a query named `{query.Name.Value}` is already declared");
                continue;
            }

            if (QueryBinder.BindQuery(query, meters, context) is { } bound)
            {
                queries.Add(bound);
            }
        }

        var diagnostics = context.Diagnostics.ToSortedList();
        var ok = !diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
        return new BindResult(ok ? new BoundDocument([.. meters.Values.OfType<BoundMeter>()], plans) { Schedules = schedules, Queries = queries } : null, diagnostics);
    }
}
