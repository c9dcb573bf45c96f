using Tariff.Engine.Binding;
using Tariff.Engine.Diagnostics;
using Tariff.Platform.Analytics;
using Tariff.Platform.Catalog;
using Tariff.Platform.Scheduling;

namespace Tariff.Platform.Assistant;

/// <summary>
/// What differs between writing a plan, a schedule and a query: the draft a request starts from, how a proposal is
/// checked (exactly as the editor and publication check it), and where an applied proposal goes.
/// </summary>
public sealed class AssistantSubjects(PlanService plans, ScheduleService schedules, QueryService queries, ConsumerService consumers)
{
    /// <summary>How many plan or consumer codes the model is shown at most: a prompt holds one page of a large catalog, not all of it.</summary>
    public const int MaxCatalogCodes = 200;

    /// <summary>The draft of <paramref name="targetId"/> ('' when there is none to start from); null when this tenant has no such plan, schedule or query.</summary>
    public async Task<string?> BaseTextAsync(Guid tenantId, string kind, Guid? targetId, CancellationToken cancellationToken)
    {
        if (targetId is not { } id)
        {
            return string.Empty;
        }

        return kind switch
        {
            AssistantKinds.Plan => (await plans.FindAsync(tenantId, id, cancellationToken))?.DraftText,
            AssistantKinds.Query => (await queries.FindAsync(tenantId, id, cancellationToken))?.DraftText,
            _ => (await schedules.FindAsync(tenantId, id, cancellationToken))?.DraftText,
        };
    }

    /// <summary>The codes a schedule (plans and consumers) or a query (consumers) may name, for the model to choose from; plans need none.</summary>
    public async Task<string> CatalogAsync(Guid tenantId, string kind, CancellationToken cancellationToken)
    {
        if (kind == AssistantKinds.Plan)
        {
            return string.Empty;
        }

        var consumerPage = await consumers.PageAsync(tenantId, null, ConsumerOrder.Code, 0, MaxCatalogCodes, cancellationToken);
        var consumerCodes = Listed(consumerPage.Select(c => $"\"{c.Code}\" ({c.Name})"), await consumers.CountAsync(tenantId, null, cancellationToken));
        if (kind == AssistantKinds.Query)
        {
            return $"Consumer codes: {consumerCodes}";
        }

        var planPage = await plans.PageAsync(tenantId, 0, MaxCatalogCodes, cancellationToken);
        var planCodes = Listed(planPage.Select(p => $"\"{p.Code}\" ({p.Name})"), await plans.CountAsync(tenantId, cancellationToken));
        return $"Plan codes: {planCodes}\nConsumer codes: {consumerCodes}";
    }

    private static string Listed(IEnumerable<string> shown, int total)
    {
        var list = shown.ToList();
        return string.Join(", ", list) + (total > list.Count ? $" (and {total - list.Count:N0} more not listed here)" : string.Empty);
    }

    /// <summary>Everything publishing <paramref name="text"/> would be refused for, each problem at its place.</summary>
    public async Task<IReadOnlyList<Diagnostic>> DiagnoseAsync(Guid tenantId, string kind, string text, CancellationToken cancellationToken)
    {
        if (kind == AssistantKinds.Schedule)
        {
            return await schedules.DiagnoseAsync(tenantId, text, cancellationToken);
        }

        if (kind == AssistantKinds.Query)
        {
            return await queries.DiagnoseAsync(tenantId, text, cancellationToken);
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
    /// Makes <paramref name="exchange"/>'s proposal the draft of its target, or of a new plan, schedule or query with
    /// <paramref name="code"/> (and, for a plan, <paramref name="name"/>); the id of the document it went to.
    /// </summary>
    public async Task<Guid> ApplyAsync(Guid tenantId, AssistantExchange exchange, string? code, string? name, string author, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        const string origin = DraftOrigins.Assistant;
        if (exchange.TargetId is { } target)
        {
            var updated = exchange.Kind switch
            {
                AssistantKinds.Plan => (await plans.UpdateDraftAsync(tenantId, target, exchange.Proposal, author, origin, cancellationToken))?.Plan.Id,
                AssistantKinds.Query => (await queries.UpdateDraftAsync(tenantId, target, exchange.Proposal, author, origin, cancellationToken))?.Query.Id,
                _ => (await schedules.UpdateDraftAsync(tenantId, target, exchange.Proposal, author, origin, cancellationToken))?.Schedule.Id,
            };
            return updated ?? throw new CatalogValidationException("targetId", $"the {exchange.Kind} {target} no longer exists in this tenant.");
        }

        return exchange.Kind switch
        {
            AssistantKinds.Plan => (await plans.CreateAsync(tenantId, code, name, null, exchange.Proposal, author, origin, cancellationToken)).Plan.Id,
            AssistantKinds.Query => (await queries.CreateAsync(tenantId, code, exchange.Proposal, author, origin, cancellationToken)).Query.Id,
            _ => (await schedules.CreateAsync(tenantId, code, exchange.Proposal, author, origin, cancellationToken)).Schedule.Id,
        };
    }
}
