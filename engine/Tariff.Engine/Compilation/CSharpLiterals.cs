using System.Globalization;
using Microsoft.CodeAnalysis.CSharp;

namespace Tariff.Engine.Compilation;

/// <summary>Literals for generated code: the only way document values reach it.</summary>
internal static class CSharpLiterals
{
    /// <summary>A decimal literal with the value's exact digits and scale (C# keeps trailing zeros of decimal literals).</summary>
    public static string Decimal(decimal value) =>
        value < 0 ? $"({value.ToString(CultureInfo.InvariantCulture)}m)" : value.ToString(CultureInfo.InvariantCulture) + "m";

    /// <summary>A string literal written by Roslyn itself, so that every character is escaped as the compiler expects.</summary>
    public static string Text(string value) => SymbolDisplay.FormatLiteral(value, quote: true);
}
