namespace Tariff.Engine.Money;

/// <summary>How an amount or quantity is rounded. Every rounding in Tariff names one of these.</summary>
public enum RoundingMode
{
    /// <summary>To the nearest; halves away from zero (2.5 → 3, -2.5 → -3). The default for money.</summary>
    HalfUp,

    /// <summary>To the nearest; halves to the even neighbour (2.5 → 2, 3.5 → 4), "banker's rounding".</summary>
    HalfEven,

    /// <summary>Toward positive infinity (2.1 → 3): for "round up to whole units".</summary>
    Up,

    /// <summary>Toward negative infinity (2.9 → 2).</summary>
    Down,
}
