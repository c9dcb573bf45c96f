using Tariff.Engine.Usage;
using Tariff.Platform.Billing;
using Tariff.Platform.Catalog;

namespace Tariff.Platform.Metering;

/// <summary>The events of one batch that belong to one subscription's billing period.</summary>
public sealed record CounterBucket(Subscription Subscription, BilledPeriod Period, List<UsageEvent> Events);
