namespace Tariff.Engine.Money;

/// <summary>Applies a <see cref="RoundingMode"/>. The generated code calls this too, so both engines round alike.</summary>
public static class Rounding
{
    /// <summary>The names a document uses for each mode.</summary>
    public static IReadOnlyDictionary<string, RoundingMode> ByName { get; } = new Dictionary<string, RoundingMode>(StringComparer.Ordinal)
    {
        ["half_up"] = RoundingMode.HalfUp,
        ["half_even"] = RoundingMode.HalfEven,
        ["up"] = RoundingMode.Up,
        ["down"] = RoundingMode.Down,
    };

    /// <summary>Rounds <paramref name="value"/> to <paramref name="places"/> decimal places.</summary>
    public static decimal Round(decimal value, int places, RoundingMode mode) => mode switch
    {
        RoundingMode.HalfUp => decimal.Round(value, places, MidpointRounding.AwayFromZero),
        RoundingMode.HalfEven => decimal.Round(value, places, MidpointRounding.ToEven),
        RoundingMode.Up => decimal.Round(value, places, MidpointRounding.ToPositiveInfinity),
        RoundingMode.Down => decimal.Round(value, places, MidpointRounding.ToNegativeInfinity),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown rounding mode."),
    };

    /// <summary>
    /// Rounds an amount to the currency's minor units and writes it with exactly that many decimals (306 USD → 306.00),
    /// as invoices show it.
    /// </summary>
    public static decimal RoundMoney(decimal amount, Currency currency, RoundingMode mode)
    {
        ArgumentNullException.ThrowIfNull(currency);
        var rounded = Round(amount, currency.MinorUnits, mode);
        // Adding a zero of the wanted scale sets the scale without changing the value.
        return rounded + new decimal(0, 0, 0, false, (byte)currency.MinorUnits);
    }

    /// <summary>The document name of a mode.</summary>
    public static string NameOf(RoundingMode mode) => ByName.First(pair => pair.Value == mode).Key;
}
