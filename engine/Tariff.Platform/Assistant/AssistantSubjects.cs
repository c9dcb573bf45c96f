using Tariff.Engine.Binding;
using Tariff.Engine.Diagnostics;
using Tariff.Platform.Catalog;
using Tariff.Platform.Scheduling;

namespace Tariff.Platform.Assistant;

/// <summary>
/// What differs between writing a plan and writing a schedule: the draft a request starts from, how a proposal is
/// checked (exactly as the editor and publication check it), and where an applied proposal goes.
/// </summary>
public sealed class AssistantSubjects(PlanService plans, ScheduleService schedules, ConsumerService consumers)
{
    /// <summary>The draft of <paramref name="targetId"/> ('' when there is none to start from); null when this tenant has no such plan or schedule.</summary>
    public async Task<string?> BaseTextAsync(Guid tenantId, string kind, Guid? targetId, CancellationToken cancellationToken)
    {
        if (targetId is not { } id)
        {
            return string.Empty;
        }

        return kind == AssistantKinds.Plan
            ? (await plans.FindAsync(tenantId, id, cancellationToken))?.DraftText
            : (await schedules.FindAsync(tenantId, id, cancellationToken))?.DraftText;
    }

    /// <summary>The codes a schedule may name, for the model to choose from; plans need none.</summary>
    public async Task<string> CatalogAsync(Guid tenantId, string kind, CancellationToken cancellationToken)
    {
        if (kind == AssistantKinds.Plan)
        {
            return string.Empty;
        }

        var planCodes = (await plans.ListAsync(tenantId, cancellationToken)).Select(p => $"\"{p.Code}\" ({p.Name})");
        var consumerCodes = (await consumers.ListAsync(tenantId, cancellationToken)).Select(c => $"\"{c.Code}\" ({c.Name})");
        return $"Plan codes: {string.Join(", ", planCodes)}\nConsumer codes: {string.Join(", ", consumerCodes)}";
    }

    /// <summary>Everything publishing <paramref name="text"/> would be refused for, each problem at its place.</summary>
    public async Task<IReadOnlyList<Diagnostic>> DiagnoseAsync(Guid tenantId, string kind, string text, CancellationToken cancellationToken)
    {
        if (kind == AssistantKinds.Schedule)
        {
            return await schedules.DiagnoseAsync(tenantId, text, cancellationToken);
        }

        var diagnostics = Binder.Check(text).Diagnostics;
        if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return diagnostics;
        }

        try
        {
            PlanDocument.Check(text);
            return diagnostics;
        }
        catch (CatalogValidationException refused)
        {
            return [.. diagnostics, .. refused.AsDiagnostics()];
        }
    }

    /// <summary>
    /// Makes <paramref name="exchange"/>'s proposal the draft of its target, or of a new plan or schedule with
    /// <paramref name="code"/> and <paramref name="name"/>; the id of the plan or schedule it went to.
    /// </summary>
    public async Task<Guid> ApplyAsync(Guid tenantId, AssistantExchange exchange, string? code, string? name, string author, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        const string origin = DraftOrigins.Assistant;
        if (exchange.TargetId is { } target)
        {
            var updated = exchange.Kind == AssistantKinds.Plan
                ? (await plans.UpdateDraftAsync(tenantId, target, exchange.Proposal, author, origin, cancellationToken))?.Plan.Id
                : (await schedules.UpdateDraftAsync(tenantId, target, exchange.Proposal, author, origin, cancellationToken))?.Schedule.Id;
            return updated ?? throw new CatalogValidationException("targetId", $"the {exchange.Kind} {target} no longer exists in this tenant.");
        }

        return exchange.Kind == AssistantKinds.Plan
            ? (await plans.CreateAsync(tenantId, code, name, null, exchange.Proposal, author, origin, cancellationToken)).Plan.Id
            : (await schedules.CreateAsync(tenantId, code, exchange.Proposal, author, origin, cancellationToken)).Schedule.Id;
    }
}
