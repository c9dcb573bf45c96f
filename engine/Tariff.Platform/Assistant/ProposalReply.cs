namespace Tariff.Platform.Assistant;

/// <summary>
/// Splits a model's reply into the document (the last fenced code block) and the explanation (everything else).
/// The model is asked for exactly one block; when it sends several, the last is the one it settled on.
/// </summary>
public static class ProposalReply
{
    private const string Fence = "```";

    /// <summary>The text of the last fenced block (null when there is none) and the reply without it.</summary>
    public static (string? Text, string Explanation) Parse(string reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var normalized = reply.Replace("\r\n", "\n", StringComparison.Ordinal);
        var close = normalized.LastIndexOf("\n" + Fence, StringComparison.Ordinal);
        var open = close < 0 ? -1 : normalized.LastIndexOf(Fence, close, StringComparison.Ordinal);
        if (open < 0)
        {
            return (null, normalized.Trim());
        }

        // The opening fence's line may name the language (```tariff); the document starts on the next line.
        var firstLine = normalized.IndexOf('\n', open);
        var text = normalized[(firstLine + 1)..(close + 1)];
        var end = normalized.IndexOf('\n', close + 1 + Fence.Length);
        var explanation = normalized[..open] + (end < 0 ? string.Empty : normalized[end..]);
        return (text.TrimEnd() + "\n", explanation.Trim());
    }
}
