using Tariff.Engine.Syntax;

namespace Tariff.Engine.Binding;

/// <summary>A fixed fee in the plan currency.</summary>
public sealed record BoundFee(string Name, decimal Amount, FeeTiming Timing, FeeBilling Billing);
