namespace Tariff.Platform.Alerts;

/// <summary>An alert about to be raised; stored only if the same one (consumer, kind, subject, threshold, period) has not fired yet.</summary>
public sealed record AlertCandidate(
    Guid ConsumerId, Guid? SubscriptionId, string Kind, string Subject, decimal Threshold, DateTimeOffset PeriodStart, DateTimeOffset? PeriodEnd,
    decimal Observed, decimal? Limit, string Message);
