namespace Tariff.Engine.Binding;

/// <summary>A plan's billing period.</summary>
public sealed record BillingPeriod(PeriodUnit Unit, PeriodAlignment Alignment);
