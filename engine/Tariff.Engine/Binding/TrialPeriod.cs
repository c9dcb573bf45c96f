namespace Tariff.Engine.Binding;

/// <summary>A trial at the start of a subscription, during which fixed fees are not charged.</summary>
public sealed record TrialPeriod(int Length, TrialUnit Unit);
