namespace Tariff.Platform.Assistant;

/// <summary>
/// A plain-English request: what to write (<c>Kind</c>), the plan or schedule whose draft to change (<c>TargetId</c>,
/// none for a new one), the conversation it follows up (none to start one) and the provider to ask (the first when none).
/// A follow-up keeps its conversation's kind and target.
/// </summary>
public sealed record AssistantAsk(string? Kind, string? Request, Guid? TargetId = null, Guid? ConversationId = null, string? Provider = null);
