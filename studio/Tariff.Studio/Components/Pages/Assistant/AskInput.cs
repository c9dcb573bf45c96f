using Tariff.Platform.Assistant;

namespace Tariff.Studio.Components.Pages.Assistant;

/// <summary>
/// The ask form: what to write and where (<c>Subject</c>: <c>plan:</c>, <c>schedule:</c> or <c>query:</c>, followed
/// by the id of the document whose draft to change, or nothing for a new one), the request, the provider, and the
/// conversation it follows up.
/// </summary>
public sealed class AskInput
{
    public string? Subject { get; set; } = AssistantKinds.Plan + ":";

    public string? Request { get; set; }

    public string? Provider { get; set; }

    public Guid? ConversationId { get; set; }

    /// <summary>The request as the assistant takes it; a subject it cannot read gives no kind, which the assistant refuses by name.</summary>
    public AssistantAsk Ask()
    {
        var parts = (Subject ?? string.Empty).Split(':', 2);
        var target = parts.Length == 2 && Guid.TryParse(parts[1], out var id) ? id : (Guid?)null;
        return new AssistantAsk(parts[0].Length == 0 ? null : parts[0], Request, target, ConversationId, Provider);
    }
}
