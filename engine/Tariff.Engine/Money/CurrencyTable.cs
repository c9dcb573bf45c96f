using System.Collections.Frozen;

namespace Tariff.Engine.Money;

/// <summary>
/// ISO 4217 active currency codes and their minor units (list one, as maintained by SIX; funds codes included,
/// precious metals and testing codes left out because nothing is invoiced in them).
/// </summary>
internal static class CurrencyTable
{
    private const string TwoDigits =
        "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE " +
        "CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL " +
        "HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR " +
        "MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK " +
        "SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD " +
        "XCG YER ZAR ZMW ZWG";

    private const string ZeroDigits = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF";

    private const string ThreeDigits = "BHD IQD JOD KWD LYD OMR TND";

    private const string FourDigits = "CLF UYW";

    public static FrozenDictionary<string, int> MinorUnits { get; } =
        Codes(TwoDigits, 2).Concat(Codes(ZeroDigits, 0)).Concat(Codes(ThreeDigits, 3)).Concat(Codes(FourDigits, 4))
            .ToFrozenDictionary(StringComparer.Ordinal);

    private static IEnumerable<KeyValuePair<string, int>> Codes(string codes, int digits) =>
        codes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(code => KeyValuePair.Create(code, digits));
}
