namespace Tariff.Platform.Assistant;

/// <summary>A model's answer and the tokens the provider reported for it (0 when it reported none).</summary>
public sealed record ModelReply(string Text, long InputTokens, long OutputTokens);
