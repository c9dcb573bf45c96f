using Tariff.Engine.Money;

namespace Tariff.Engine.Binding;

/// <summary>How a meter's converted quantity is rounded.</summary>
public sealed record QuantityRounding(RoundingMode Mode, int Places);
