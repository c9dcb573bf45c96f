using Tariff.Platform.Metering;

namespace Tariff.Studio.Api;

/// <summary>
/// The answer of <c>GET /api/v1/consumers/{id}/usage/current</c>: the real-time counters of the consumer's billing
/// period so far, and each quota's use in percent.
/// </summary>
public sealed record CurrentUsageResponse(
    Guid ConsumerId, string ConsumerCode, Guid SubscriptionId, Guid PlanId, int PlanVersion, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd,
    IReadOnlyList<MeterResponse> Meters, IReadOnlyList<QuotaResponse> Quotas)
{
    public static CurrentUsageResponse Of(CurrentUsage usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        var plan = usage.Version.Metering.Plan;
        return new CurrentUsageResponse(usage.Consumer.Id, usage.Consumer.Code, usage.Subscription.Id, usage.Subscription.PlanId,
            usage.Subscription.PlanVersion, usage.Period.Whole.Start, usage.Period.Whole.End,
            [.. usage.Meters.Select(m => new MeterResponse(m.Meter, m.Total, [.. m.Groups.Select(g => new MeterGroupResponse(g.GroupValues, g.Quantity))]))],
            [.. plan.Quotas.Select(q => QuotaResponse.Of(q.Meter, q.Limit, q.Kind.ToString().ToLowerInvariant(), usage.Total(q.Meter)))]);
    }
}

/// <summary>A quota and its use so far: <c>Percent</c> is the share used, rounded down to a tenth.</summary>
public sealed record QuotaResponse(string Meter, decimal Limit, string Kind, decimal Used, decimal Remaining, decimal Percent)
{
    public static QuotaResponse Of(string meter, decimal limit, string kind, decimal used) => new(meter, limit, kind, used, Math.Max(0, limit - used),
        limit == 0 ? 100m : Math.Round(used * 100 / limit, 1, MidpointRounding.ToZero));
}
