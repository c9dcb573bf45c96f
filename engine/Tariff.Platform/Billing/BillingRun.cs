namespace Tariff.Platform.Billing;

/// <summary>A billing run, its progress and what it did (or, dry, would do).</summary>
/// <remarks>
/// <c>Status</c>: <c>running</c>, <c>succeeded</c> or <c>failed</c> (some subscription could not be billed; its result says why).<br/>
/// <c>Subscriptions</c>, <c>Processed</c>: How many subscriptions the run selected, and how many it has done.
/// </remarks>
public sealed record BillingRun(
    Guid Id, DateTimeOffset AsOf, bool DryRun, IReadOnlyList<Guid> ConsumerIds, IReadOnlyList<Guid> PlanIds, string Trigger, string Status,
    string RequestedBy, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, int Subscriptions, int Processed, string? Error,
    IReadOnlyList<BillingRunResult> Results);
