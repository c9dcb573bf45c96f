namespace Tariff.Engine.Money;

/// <summary>An ISO 4217 currency and the number of minor-unit digits its amounts are rounded to.</summary>
/// <param name="Code">The three-letter code.</param>
/// <param name="MinorUnits">Digits after the decimal point (JPY 0, USD 2, KWD 3, CLF 4).</param>
public sealed record Currency(string Code, int MinorUnits)
{
    /// <summary>The currency with this code, or null when ISO 4217 has no such active currency.</summary>
    public static Currency? Find(string code) =>
        code is not null && CurrencyTable.MinorUnits.TryGetValue(code, out var digits) ? new Currency(code, digits) : null;

    /// <summary>Every active code, for suggestions.</summary>
    public static IEnumerable<string> Codes => CurrencyTable.MinorUnits.Keys;
}
