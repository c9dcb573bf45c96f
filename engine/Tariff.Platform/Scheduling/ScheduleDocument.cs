using Quartz;
using Tariff.Engine.Binding;
using Tariff.Engine.Diagnostics;
using Tariff.Engine.Syntax;
using Tariff.Platform.Catalog;

namespace Tariff.Platform.Scheduling;

/// <summary>
/// A schedule's text, checked: exactly one <c>schedule</c> block, free of errors, whose cron expression Quartz accepts
/// and whose plan and consumer codes the tenant's catalog has. Each problem is a diagnostic at its exact place.
/// </summary>
public sealed record ScheduleDocument(BoundSchedule Schedule, DocumentSyntax Syntax)
{
    /// <summary>The checked document, or a <see cref="CatalogValidationException"/> on <paramref name="field"/>.</summary>
    public static ScheduleDocument Check(string? text, ISet<string> planCodes, ISet<string> consumerCodes, string field = "text")
    {
        ArgumentNullException.ThrowIfNull(planCodes);
        ArgumentNullException.ThrowIfNull(consumerCodes);
        if (string.IsNullOrWhiteSpace(text) || text.Length > PlanDocument.MaxLength)
        {
            throw new CatalogValidationException(field, $"is required: the schedule's text, at most {PlanDocument.MaxLength:N0} characters.");
        }

        var result = Binder.Check(text);
        var diagnostics = result.Diagnostics.ToList();
        var schedules = result.Document?.Schedules ?? [];
        foreach (var schedule in schedules)
        {
            diagnostics.AddRange(CatalogDiagnostics(schedule, planCodes, consumerCodes));
        }

        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            var first = errors[0];
            throw new CatalogValidationException(
                new Dictionary<string, string[]> { [field] = [$"has {errors.Count} error(s); the first, {first.Id} at line {first.Span.Start.Line}, column {first.Span.Start.Column + 1}: {first.Message}"] },
                diagnostics);
        }

        return schedules.Count == 1
            ? new ScheduleDocument(schedules[0], result.Syntax!)
            : throw new CatalogValidationException(field, $"must hold exactly one schedule block; it holds {schedules.Count}.");
    }

    /// <summary>What only the scheduler and the catalog can tell: a cron expression Quartz refuses, codes nobody has.</summary>
    public static IEnumerable<Diagnostic> CatalogDiagnostics(BoundSchedule schedule, ISet<string> planCodes, ISet<string> consumerCodes)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(planCodes);
        ArgumentNullException.ThrowIfNull(consumerCodes);
        var syntax = schedule.Syntax;
        if (!CronExpression.IsValidExpression(schedule.Cron))
        {
            var reason = string.Empty;
            try
            {
                CronExpression.ValidateExpression(schedule.Cron);
            }
            catch (FormatException exception)
            {
                reason = $": {exception.Message}";
            }

            yield return new Diagnostic(DiagnosticIds.InvalidSchedule, DiagnosticSeverity.Error, $"`{schedule.Cron}` is not a cron expression the scheduler accepts{reason}", syntax.Cron!.Span);
        }

        foreach (var plan in syntax.Plans.Where(p => !planCodes.Contains(p.Value)))
        {
            yield return new Diagnostic(DiagnosticIds.InvalidSchedule, DiagnosticSeverity.Error, $"no plan with the code `{plan.Value}` in this tenant", plan.Span);
        }

        foreach (var consumer in syntax.Consumers.Where(c => !consumerCodes.Contains(c.Value)))
        {
            yield return new Diagnostic(DiagnosticIds.InvalidSchedule, DiagnosticSeverity.Error, $"no consumer with the code `{consumer.Value}` in this tenant", consumer.Span);
        }
    }
}
