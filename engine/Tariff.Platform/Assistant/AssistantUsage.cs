namespace Tariff.Platform.Assistant;

/// <summary>
/// A tenant's recent use of the assistant: <c>RequestsThisHour</c> in the sliding hour, the first of which
/// (<c>OldestThisHour</c>) leaves it first, and <c>TokensToday</c> since midnight UTC.
/// </summary>
public sealed record AssistantUsage(int RequestsThisHour, DateTimeOffset? OldestThisHour, long TokensToday);
