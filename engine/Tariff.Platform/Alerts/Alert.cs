namespace Tariff.Platform.Alerts;

/// <summary>A threshold reached: fired once per consumer, kind, subject, threshold and period.</summary>
/// <remarks>
/// <c>Kind</c>: <c>quota</c> (a meter's share of its quota), <c>spend</c> (a period's charges) or <c>low_balance</c> (prepaid credit).<br/>
/// <c>Subject</c>: the meter (quota) or the currency (spend, low balance).<br/>
/// <c>Threshold</c>: percent of the quota, the amount spent, or the balance amount it fell to.<br/>
/// <c>Observed</c>: the quantity, amount spent or balance when the alert fired.
/// </remarks>
public sealed record Alert(
    Guid Id, Guid ConsumerId, Guid? SubscriptionId, string Kind, string Subject, decimal Threshold, DateTimeOffset PeriodStart,
    DateTimeOffset? PeriodEnd, decimal Observed, decimal? Limit, string Message, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt)
{
    public const string QuotaKind = "quota";
    public const string LowBalanceKind = "low_balance";
    public const string SpendKind = "spend";

    public bool IsRead => ReadAt is not null;
}
