namespace Tariff.Engine.Diagnostics;

/// <summary>
/// Every diagnostic identifier the engine reports. Identifiers are stable: once published, a number keeps its
/// meaning forever, so that documentation, suppressions and tests can rely on it. TRF00xx come from reading the
/// text, TRF01xx from checking what it means.
/// </summary>
public static class DiagnosticIds
{
    /// <summary>A character that cannot start any token.</summary>
    public const string UnexpectedCharacter = "TRF0001";

    /// <summary>The tokens do not form a valid document at this point.</summary>
    public const string SyntaxError = "TRF0002";

    /// <summary>A string without its closing quote.</summary>
    public const string UnterminatedString = "TRF0003";

    /// <summary>A number too large or too precise for a decimal.</summary>
    public const string NumberOutOfRange = "TRF0004";

    /// <summary>A date that does not exist.</summary>
    public const string InvalidDate = "TRF0005";

    /// <summary>Something said twice where once is allowed (two aggregations, two currencies).</summary>
    public const string DuplicateItem = "TRF0010";

    /// <summary>Something required is missing (a meter's aggregation, a charge's pricing, a plan's currency).</summary>
    public const string MissingItem = "TRF0011";

    /// <summary>A name used that is not declared (a meter in a charge).</summary>
    public const string UnknownMeter = "TRF0101";

    /// <summary>An event field that does not exist.</summary>
    public const string UnknownField = "TRF0102";

    /// <summary>A value of the wrong type for where it is used (a string field summed, a number compared to text).</summary>
    public const string TypeMismatch = "TRF0103";

    /// <summary>A currency code that is not in ISO 4217.</summary>
    public const string UnknownCurrency = "TRF0104";

    /// <summary>An amount in another currency than its plan's.</summary>
    public const string CurrencyMismatch = "TRF0105";

    /// <summary>A word that is not one of the allowed choices (a period, a rounding mode, a time unit).</summary>
    public const string UnknownChoice = "TRF0106";

    /// <summary>Two declarations with one name.</summary>
    public const string DuplicateDeclaration = "TRF0107";

    /// <summary>Tiers out of order, an open tier not last, or no open tier.</summary>
    public const string InvalidTiers = "TRF0108";

    /// <summary>A number outside what makes sense where it is used (a negative price, a rate above 100%).</summary>
    public const string ValueOutOfRange = "TRF0109";

    /// <summary>A charge by a field its meter does not group by, or group pricing without <c>by</c>.</summary>
    public const string InvalidGrouping = "TRF0110";

    /// <summary>A charge model that needs what its meter does not give (percentage on a count).</summary>
    public const string IncompatibleMeter = "TRF0111";

    /// <summary>An example that uses a meter the plan does not charge, or a group of an ungrouped meter.</summary>
    public const string InvalidExample = "TRF0112";

    /// <summary>A time zone that is not in the IANA database.</summary>
    public const string UnknownTimeZone = "TRF0113";

    /// <summary>A cron expression that does not parse, or names a plan or consumer the catalog does not have.</summary>
    public const string InvalidSchedule = "TRF0114";

    /// <summary>A query that names a consumer the catalog does not have.</summary>
    public const string InvalidQuery = "TRF0115";
}
