using Tariff.Platform.Billing;

namespace Tariff.Studio.Api;

/// <summary>The answer of <c>GET /api/v1/consumers/{id}/usage</c>: the plan's meters over the consumer's events.</summary>
public sealed record ConsumerUsageResponse(
    Guid ConsumerId, string ConsumerCode, Guid SubscriptionId, Guid PlanId, int PlanVersion, string Plan, DateTimeOffset From, DateTimeOffset To,
    IReadOnlyList<string> Identities, int Events, IReadOnlyList<MeterResponse> Meters, IReadOnlyList<QuotaUse> Quotas)
{
    public static ConsumerUsageResponse Of(ConsumerMeters meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        return new ConsumerUsageResponse(meters.Consumer.Id, meters.Consumer.Code, meters.Subscription.Id, meters.Version.PlanId, meters.Version.Version,
            meters.Version.PlanName, meters.Period.Start, meters.Period.End, meters.Identities, meters.Events,
            [.. meters.Meters.Select(m => new MeterResponse(m.Meter, m.Total, [.. m.Groups.Select(g => new MeterGroupResponse(g.GroupValues, g.Quantity))]))],
            meters.Quotas);
    }
}

/// <summary>One meter's total and its groups (one group, with no values, when the meter is not grouped).</summary>
public sealed record MeterResponse(string Meter, decimal Total, IReadOnlyList<MeterGroupResponse> Groups);

/// <summary>A meter group: the values of its <c>group by</c> fields and its quantity.</summary>
public sealed record MeterGroupResponse(IReadOnlyList<string> Values, decimal Quantity);
