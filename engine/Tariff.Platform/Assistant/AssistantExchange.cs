using Tariff.Engine.Diagnostics;

namespace Tariff.Platform.Assistant;

/// <summary>
/// One request to the assistant and the proposal it produced, kept as provenance. The proposal is untrusted text:
/// it has been through the same parser and binder as typed text (<c>Diagnostics</c>), and nothing uses it until an
/// admin applies it to a draft (<c>AppliedTo</c>), which still has to be published by a person.
/// </summary>
/// <remarks>
/// <c>Kind</c>: <c>plan</c> or <c>schedule</c>. <c>TargetId</c>: the plan or schedule whose draft the conversation
/// changes; null when it writes a new one. <c>BaseText</c>: that draft when asked ('' for a new one).
/// <c>Attempts</c>: 1 plus the repairs the checker asked for.
/// </remarks>
public sealed record AssistantExchange(
    Guid Id, Guid ConversationId, int Sequence, string Kind, Guid? TargetId, string Request, string BaseText, string Proposal,
    string Explanation, IReadOnlyList<Diagnostic> Diagnostics, int Attempts, string Provider, string Model, string CreatedBy,
    DateTimeOffset CreatedAt, Guid? AppliedTo, DateTimeOffset? AppliedAt)
{
    /// <summary>The tokens the provider reported reading, over every attempt of this exchange.</summary>
    public long InputTokens { get; init; }

    /// <summary>The tokens the provider reported writing, over every attempt of this exchange.</summary>
    public long OutputTokens { get; init; }

    /// <summary>The proposal's errors: publishing it as it stands would be refused for these.</summary>
    public int ErrorCount => Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
}
