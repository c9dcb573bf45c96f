namespace Tariff.Engine.Diagnostics;

/// <summary>
/// Every diagnostic identifier the engine reports. Identifiers are stable: once published, a number keeps its
/// meaning forever, so that documentation, suppressions and tests can rely on it.
/// </summary>
public static class DiagnosticIds
{
    /// <summary>A character that cannot start any token.</summary>
    public const string UnexpectedCharacter = "TRF0001";

    /// <summary>The tokens do not form a valid document at this point.</summary>
    public const string SyntaxError = "TRF0002";
}
