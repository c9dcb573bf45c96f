using Tariff.Platform.Assistant;

namespace Tariff.Studio.Api;

/// <summary>
/// The body of <c>POST /api/v1/assistant/proposals</c>: what to write (<c>plan</c> or <c>schedule</c>), the request in
/// plain English, the plan or schedule whose draft to change (none for a new one), the conversation it follows up,
/// and the provider to ask (the first configured when none).
/// </summary>
public sealed record ProposalRequest(string? Kind, string? Request, Guid? TargetId = null, Guid? ConversationId = null, string? Provider = null)
{
    public AssistantAsk Ask => new(Kind, Request, TargetId, ConversationId, Provider);
}

/// <summary>The body of <c>POST /api/v1/assistant/proposals/{id}/apply</c>: the code and name of a new plan or schedule (a schedule has no name).</summary>
public sealed record ApplyProposalRequest(string? Code, string? Name);

/// <summary>A configured provider as people see it: never its key or endpoint.</summary>
public sealed record AssistantProviderResponse(string Name, string Model, bool IsDefault);

/// <summary>One request and the proposal it produced, with the checker's diagnostics in the editor's positions.</summary>
public sealed record AssistantExchangeResponse(
    Guid Id, Guid ConversationId, int Sequence, string Kind, Guid? TargetId, string Request, string BaseText, string Proposal, string Explanation,
    IReadOnlyList<DiagnosticResponse> Diagnostics, int ErrorCount, int Attempts, string Provider, string Model, string CreatedBy, DateTimeOffset CreatedAt,
    Guid? AppliedTo, DateTimeOffset? AppliedAt, long InputTokens, long OutputTokens)
{
    public static AssistantExchangeResponse From(AssistantExchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        return new(exchange.Id, exchange.ConversationId, exchange.Sequence, exchange.Kind, exchange.TargetId, exchange.Request, exchange.BaseText,
            exchange.Proposal, exchange.Explanation, [.. exchange.Diagnostics.Select(DiagnosticResponse.From)], exchange.ErrorCount, exchange.Attempts,
            exchange.Provider, exchange.Model, exchange.CreatedBy, exchange.CreatedAt, exchange.AppliedTo, exchange.AppliedAt, exchange.InputTokens,
            exchange.OutputTokens);
    }
}

/// <summary>
/// The tenant's use of the assistant against its limits (0 means no limit): requests in the sliding hour, tokens
/// (input and output, as the providers reported them) since midnight UTC.
/// </summary>
public sealed record AssistantUsageResponse(int RequestsThisHour, int RequestsPerHour, long TokensToday, long TokensPerDay);
