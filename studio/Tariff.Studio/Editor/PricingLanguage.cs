using System.Text.Json;
using Antlr4.Runtime;
using Tariff.Engine.Binding;
using Tariff.Grammar;

namespace Tariff.Studio.Editor;

/// <summary>
/// What the browser's editor needs to know about the pricing language: its keywords (read from the ANTLR lexer, so
/// that highlighting and completion can never drift from the grammar), a line of help for each, and the event
/// fields. Embedded in the editor pages as JSON, so that no request is spent on it.
/// </summary>
public static class PricingLanguage
{
    /// <summary>Every keyword of the lexer, in grammar order.</summary>
    public static IReadOnlyList<string> Keywords { get; } = [.. Enumerable.Range(1, ((Vocabulary)TariffLexer.DefaultVocabulary).getMaxTokenType())
        .Select(TariffLexer.DefaultVocabulary.GetLiteralName)
        .Where(literal => literal is { Length: > 2 } && char.IsAsciiLetter(literal[1]))
        .Select(literal => literal!.Trim('\''))];

    /// <summary>The built-in event fields, then the two named families.</summary>
    public static IReadOnlyList<string> Fields { get; } = [.. FieldCatalog.BuiltIn.Keys, "measures.", "dimensions."];

    /// <summary>The definition as the editor scripts read it.</summary>
    public static string Json { get; } = JsonSerializer.Serialize(new
    {
        keywords = Keywords,
        fields = Fields,
        help = Keywords.ToDictionary(k => k, k => KeywordHelp.Of(k) ?? string.Empty),
    });
}
