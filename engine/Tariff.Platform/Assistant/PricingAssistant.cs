using System.Globalization;
using Npgsql;
using OpenAI.Chat;
using Tariff.Engine.Diagnostics;
using Tariff.Engine.Text;
using Tariff.Platform.Audit;
using Tariff.Platform.Catalog;
using Tariff.Platform.Database;

namespace Tariff.Platform.Assistant;

/// <summary>
/// Writes plans, schedules and usage queries from plain English. The model's answer is untrusted text: it goes through the same
/// checker as typed text, is sent back with the checker's diagnostics (line and column) until it checks or the repairs
/// run out, and is stored as a proposal. Nothing changes until an admin applies a proposal to a draft, and nothing is
/// billed until a person publishes that draft.
/// </summary>
public sealed class PricingAssistant(
    AssistantOptions options, AssistantModels models, AssistantExchanges exchanges, AssistantSubjects subjects, NpgsqlDataSource dataSource, AuditLog audit,
    TimeProvider clock)
{
    /// <summary>The providers people may pick, the first being the default; empty when the assistant is not configured.</summary>
    public IReadOnlyList<AssistantProviderOptions> Providers => options.Providers.AsReadOnly();

    /// <summary>Asks the model, checks its proposal (repairing it when it does not check) and stores the exchange.</summary>
    /// <exception cref="CatalogValidationException">The request is not one the assistant can take, with the field that is wrong.</exception>
    /// <exception cref="AssistantUnavailableException">No provider is configured, or the provider failed.</exception>
    /// <exception cref="AssistantLimitException">The tenant has used its requests of the hour or its tokens of the day.</exception>
    public async Task<AssistantExchange> ProposeAsync(Guid tenantId, AssistantAsk ask, string author, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ask);
        var provider = Provider(ask.Provider);
        var request = RequireRequest(ask.Request);
        var history = ask.ConversationId is { } conversationId ? await exchanges.ConversationAsync(tenantId, conversationId, cancellationToken) : [];
        if (ask.ConversationId is not null && history.Count == 0)
        {
            throw new CatalogValidationException("conversationId", $"no conversation {ask.ConversationId} in this tenant.");
        }

        var (kind, targetId) = history.Count > 0 ? (history[0].Kind, history[0].TargetId) : (RequireKind(ask.Kind), ask.TargetId);
        var baseText = await subjects.BaseTextAsync(tenantId, kind, targetId, cancellationToken)
            ?? throw new CatalogValidationException("targetId", $"no {kind} {targetId} in this tenant.");

        var messages = new List<ChatMessage> { new SystemChatMessage(AssistantPrompt.System(kind, await subjects.CatalogAsync(tenantId, kind, cancellationToken))) };
        foreach (var earlier in history)
        {
            messages.Add(new UserChatMessage(AssistantPrompt.Turn(earlier.Request, earlier.Sequence == 1 ? earlier.BaseText : string.Empty)));
            messages.Add(new AssistantChatMessage($"{earlier.Explanation}\n\n```tariff\n{earlier.Proposal}```"));
        }

        messages.Add(new UserChatMessage(AssistantPrompt.Turn(request, history.Count == 0 ? baseText : string.Empty)));
        var reservation = await exchanges.ReserveAsync(tenantId, clock.GetUtcNow(), CheckLimits, cancellationToken);
        try
        {
            var (proposal, explanation, diagnostics, attempts, tokens) = await ConverseAsync(tenantId, kind, provider, messages, cancellationToken);
            var exchange = new AssistantExchange(Guid.NewGuid(), ask.ConversationId ?? Guid.NewGuid(), history.Count + 1, kind, targetId, request, baseText,
                proposal, explanation, diagnostics, attempts, provider.Name, provider.Model, author, clock.GetUtcNow(), null, null)
            {
                InputTokens = tokens.Input,
                OutputTokens = tokens.Output,
            };
            await exchanges.AddAsync(tenantId, exchange, reservation, cancellationToken);
            return exchange;
        }
        catch (Exception failed)
        {
            // Nothing was stored, so the request counts toward no limit.
            await exchanges.ReleaseAsync(tenantId, reservation);
            if (failed is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                throw new CatalogValidationException("conversationId", "another request was added to this conversation meanwhile; reload it and ask again.");
            }

            throw;
        }
    }

    /// <summary>The tenant's requests in the last hour and tokens today (UTC), which the limits are checked against.</summary>
    public Task<AssistantUsage> UsageAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        exchanges.UsageAsync(tenantId, clock.GetUtcNow(), cancellationToken);

    /// <summary>A conversation's exchanges in order; empty when this tenant has none with that id.</summary>
    public Task<IReadOnlyList<AssistantExchange>> ConversationAsync(Guid tenantId, Guid conversationId, CancellationToken cancellationToken = default) =>
        exchanges.ConversationAsync(tenantId, conversationId, cancellationToken);

    /// <summary>The tenant's latest conversations, newest first, each as its first request.</summary>
    public Task<IReadOnlyList<AssistantExchange>> RecentAsync(Guid tenantId, int limit = 20, CancellationToken cancellationToken = default) =>
        exchanges.RecentAsync(tenantId, limit, cancellationToken);

    /// <summary>
    /// Makes the proposal the draft of the conversation's plan or schedule (or of a new one with <paramref name="code"/>
    /// and <paramref name="name"/>), recorded as written by the assistant; null when this tenant has no such exchange.
    /// </summary>
    public async Task<AssistantExchange?> ApplyAsync(Guid tenantId, Guid exchangeId, string? code, string? name, string author,
        CancellationToken cancellationToken = default)
    {
        var exchange = await exchanges.FindAsync(tenantId, exchangeId, cancellationToken);
        if (exchange is null)
        {
            return null;
        }

        if (exchange.Proposal.Length == 0)
        {
            throw new CatalogValidationException("exchangeId", "this answer holds no document to apply; ask again or answer the assistant's question.");
        }

        var target = await subjects.ApplyAsync(tenantId, exchange, code, name, author, cancellationToken);
        var applied = exchange with { AppliedTo = target, AppliedAt = clock.GetUtcNow() };
        return await dataSource.InTransactionAsync(async transaction =>
        {
            await AssistantExchanges.MarkAppliedAsync(transaction, tenantId, exchangeId, target, applied.AppliedAt.Value, cancellationToken);
            await audit.RecordAsync(transaction, tenantId, "assistant.applied", exchange.Kind, target, null,
                new { exchange.Id, exchange.ConversationId, exchange.Request, exchange.Provider, exchange.Model }, cancellationToken);
            return applied;
        }, cancellationToken);
    }

    // The limits are checked before anything is sent, so a tenant over its share costs nothing more. Requests in flight
    // count, so the hourly limit is exact; their tokens are not known yet, so the day's tokens can overshoot by what
    // the requests in flight when it is reached use.
    private void CheckLimits(AssistantUsage usage)
    {
        var now = clock.GetUtcNow();
        if (options.RequestsPerHour > 0 && usage.RequestsThisHour >= options.RequestsPerHour)
        {
            var retry = usage.OldestThisHour!.Value.AddHours(1) - now;
            throw new AssistantLimitException(string.Create(CultureInfo.InvariantCulture,
                $"This tenant has asked the assistant {usage.RequestsThisHour} times in the last hour, its limit ({AssistantOptions.Section}:RequestsPerHour); the next request is taken in {Math.Max(1, (int)Math.Ceiling(retry.TotalMinutes))} minute(s)."),
                retry);
        }

        if (options.TokensPerDay > 0 && usage.TokensToday >= options.TokensPerDay)
        {
            throw new AssistantLimitException(string.Create(CultureInfo.InvariantCulture,
                $"This tenant's assistant requests used {usage.TokensToday:N0} tokens today, its limit of {options.TokensPerDay:N0} ({AssistantOptions.Section}:TokensPerDay); requests are taken again at midnight UTC."),
                AssistantExchanges.DayStart(now).AddDays(1) - now);
        }
    }

    // Asks until the proposal checks, sending the errors back each time, up to MaxRepairs more times.
    private async Task<(string Proposal, string Explanation, IReadOnlyList<Diagnostic> Diagnostics, int Attempts, (long Input, long Output) Tokens)> ConverseAsync(
        Guid tenantId, string kind, AssistantProviderOptions provider, List<ChatMessage> messages, CancellationToken cancellationToken)
    {
        var (proposal, explanation, diagnostics) = (string.Empty, string.Empty, (IReadOnlyList<Diagnostic>)[]);
        var tokens = (Input: 0L, Output: 0L);
        for (var attempt = 1; ; attempt++)
        {
            var answer = await models.CompleteAsync(provider, messages, cancellationToken);
            tokens = (tokens.Input + answer.InputTokens, tokens.Output + answer.OutputTokens);
            var reply = answer.Text;
            var (text, said) = ProposalReply.Parse(reply);
            if (text is null)
            {
                // Perhaps a question back ("which currency?"): kept as the explanation unless an earlier attempt gave a document.
                explanation = proposal.Length == 0 ? said : explanation;
                diagnostics = proposal.Length == 0 ? [NoDocument] : diagnostics;
            }
            else
            {
                (proposal, explanation) = (text, said);
                diagnostics = await subjects.DiagnoseAsync(tenantId, kind, text, cancellationToken);
            }

            var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count == 0 || attempt > options.MaxRepairs)
            {
                return (proposal, explanation, diagnostics, attempt, tokens);
            }

            messages.Add(new AssistantChatMessage(reply));
            messages.Add(new UserChatMessage(text is null ? AssistantPrompt.NoDocument : AssistantPrompt.Repair(errors)));
        }
    }

    private static readonly Diagnostic NoDocument =
        new(DiagnosticIds.MissingItem, DiagnosticSeverity.Error, "The assistant's answer held no document.", SourceSpan.OnLine(1, 0, 0));

    private AssistantProviderOptions Provider(string? name)
    {
        if (options.Providers.Count == 0)
        {
            throw AssistantUnavailableException.NoProvider(
                $"The assistant has no model provider configured: add one under {AssistantOptions.Section}:Providers (Name, Endpoint, Model, ApiKeyVariable).");
        }

        return options.Find(name) ?? throw new CatalogValidationException("provider",
            $"no provider named '{name}'; the configured ones are {string.Join(", ", options.Providers.Select(p => p.Name))}.");
    }

    private string RequireRequest(string? request)
    {
        var trimmed = request?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new CatalogValidationException("request", "is required: say in plain English what the pricing should do.");
        }

        return trimmed.Length <= options.MaxRequestLength
            ? trimmed
            : throw new CatalogValidationException("request", $"is {trimmed.Length:N0} characters long; the limit is {options.MaxRequestLength:N0}.");
    }

    private static string RequireKind(string? kind) =>
        AssistantKinds.IsKnown(kind)
            ? kind!
            : throw new CatalogValidationException("kind", $"must be '{AssistantKinds.Plan}', '{AssistantKinds.Schedule}' or '{AssistantKinds.Query}'{(kind is null ? string.Empty : $", not '{kind}'")}.");
}
