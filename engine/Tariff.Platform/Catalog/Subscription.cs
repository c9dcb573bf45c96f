namespace Tariff.Platform.Catalog;

/// <summary>A consumer on one version of a plan from <c>StartsAt</c>, until <c>EndsAt</c> when set.</summary>
/// <remarks>
/// <c>BillingAnchor</c>: Periods start at this instant's local day and time in <c>TimeZone</c>.<br/>
/// <c>TimeZone</c>: An IANA time zone id.<br/>
/// <c>Status</c>: <c>active</c> or <c>canceled</c>.
/// </remarks>
public sealed record Subscription(
    Guid Id, Guid ConsumerId, Guid PlanId, int PlanVersion, DateTimeOffset StartsAt, DateTimeOffset? EndsAt, DateTimeOffset BillingAnchor,
    string TimeZone, DateTimeOffset? TrialEndsAt, string Status, DateTimeOffset CreatedAt)
{
}
