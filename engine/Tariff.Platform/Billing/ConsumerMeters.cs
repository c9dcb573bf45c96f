using Tariff.Engine.Evaluation;
using Tariff.Platform.Catalog;

namespace Tariff.Platform.Billing;

/// <summary>A consumer's usage in a period measured by the meters of its plan version, as billing measures it.</summary>
/// <remarks>
/// <c>Identities</c>: The gateway identities whose events were read.<br/>
/// <c>Events</c>: How many stored events those identities have in the period.<br/>
/// <c>Meters</c>: One result per meter the plan charges, in the plan's order.<br/>
/// <c>Quotas</c>: The plan's quotas, with what the period has used.
/// </remarks>
public sealed record ConsumerMeters(
    Consumer Consumer, Subscription Subscription, PlanVersion Version, UsagePeriod Period, IReadOnlyList<string> Identities, int Events,
    IReadOnlyList<MeterResult> Meters, IReadOnlyList<QuotaUse> Quotas);
