using Tariff.Engine.Evaluation;
using Tariff.Platform.Billing;
using Tariff.Platform.Catalog;

namespace Tariff.Platform.Metering;

/// <summary>A subscription's meters so far in one billing period, as the real-time counters hold them.</summary>
/// <remarks><c>Meters</c>: every measured meter, converted and rounded as written; a meter without usage has no groups.</remarks>
public sealed record CurrentUsage(Consumer Consumer, Subscription Subscription, MeteredVersion Version, BilledPeriod Period, IReadOnlyList<MeterResult> Meters)
{
    /// <summary>The meter's total quantity, or 0 when it has no usage (or is not measured).</summary>
    public decimal Total(string meter) => Meters.FirstOrDefault(m => m.Meter == meter)?.Total ?? 0m;
}
