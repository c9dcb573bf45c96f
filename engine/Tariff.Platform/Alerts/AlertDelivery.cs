namespace Tariff.Platform.Alerts;

/// <summary>One delivery of an alert to a webhook endpoint or an email address.</summary>
/// <remarks><c>Status</c>: <c>pending</c> (waiting for its next attempt), <c>delivered</c>, or <c>failed</c> (attempts exhausted).</remarks>
public sealed record AlertDelivery(
    Guid Id, string Channel, Guid? EndpointId, string? Recipient, string Status, int Attempts, DateTimeOffset NextAttemptAt, string? LastError,
    DateTimeOffset? DeliveredAt);
