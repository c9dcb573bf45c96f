namespace Tariff.Platform.Alerts;

/// <summary>A threshold reached: fired once per consumer, kind, subject, threshold and period.</summary>
/// <remarks>
/// <c>Kind</c>: <c>quota</c> (a meter's share of its quota), <c>spend</c> (a period's charges), <c>low_balance</c> (prepaid
/// credit) or <c>auto_recharge</c> (credit added automatically, to be charged to the consumer).<br/>
/// <c>Subject</c>: the meter (quota) or the currency (spend, low balance, recharge).<br/>
/// <c>Threshold</c>: percent of the quota, the amount spent, the balance amount it fell to, or the month's recharged total
/// after the recharge (whose period is the calendar month, UTC).<br/>
/// <c>Observed</c>: the quantity, amount spent or balance when the alert fired; for a recharge, the amount added.<br/>
/// <c>Limit</c>: for a recharge, the monthly maximum.
/// </remarks>
public sealed record Alert(
    Guid Id, Guid ConsumerId, Guid? SubscriptionId, string Kind, string Subject, decimal Threshold, DateTimeOffset PeriodStart,
    DateTimeOffset? PeriodEnd, decimal Observed, decimal? Limit, string Message, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt)
{
    public const string QuotaKind = "quota";
    public const string LowBalanceKind = "low_balance";
    public const string SpendKind = "spend";
    public const string AutoRechargeKind = "auto_recharge";

    public bool IsRead => ReadAt is not null;
}
