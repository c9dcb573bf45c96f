namespace Tariff.Platform.Metering;

/// <summary>One counter: a meter's aggregate (before conversion) for one group, subscription and billing period.</summary>
/// <remarks>
/// <c>GroupKey</c>: the group's values joined by U+001F; "" for an ungrouped meter.<br/>
/// <c>Merge</c>: how a new batch's aggregate combines with the stored one: <c>add</c>, <c>max</c>, <c>min</c>, or <c>replace</c>.
/// </remarks>
public sealed record CounterRow(
    Guid SubscriptionId, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, string Meter, string GroupKey, decimal Raw, string Merge)
{
    /// <summary>The separator of a group key's values, which no text field is expected to hold.</summary>
    public const char GroupSeparator = '\u001f';
}
