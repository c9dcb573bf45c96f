namespace Tariff.Platform.Metering;

/// <summary>The answer to "may this consumer use this much more of this meter now?"</summary>
/// <remarks>
/// <c>Consumer</c>: the consumer's code (null when the reference named nobody).<br/>
/// <c>Used</c>: the meter's quantity so far in the current period.<br/>
/// <c>Limit</c>: the quota; null when the plan sets none on the meter.<br/>
/// <c>Remaining</c>: what is left of the quota before this request (never below zero); null without a quota.<br/>
/// <c>Kind</c>: <c>hard</c> (denied beyond the limit) or <c>soft</c> (allowed, alerts only); null without a quota.<br/>
/// <c>ResetAt</c>: when the period ends and the quota starts again.<br/>
/// <c>Reason</c>: why, in words.
/// </remarks>
public sealed record EntitlementDecision(
    bool Allowed, string? Consumer, string Meter, decimal Quantity, decimal Used, decimal? Limit, decimal? Remaining, string? Kind,
    DateTimeOffset? ResetAt, string Reason);
