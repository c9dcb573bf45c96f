using Antlr4.Runtime;
using Tariff.Engine.Diagnostics;
using Tariff.Engine.Text;
using Tariff.Grammar;

namespace Tariff.Engine.Syntax;

/// <summary>
/// Parses document text into a <see cref="DocumentSyntax"/>, reporting every error rather than stopping at the
/// first. ANTLR's recovery keeps parsing after an error; this class turns its reports into diagnostics.
/// </summary>
public static class DocumentParser
{
    /// <summary>Parses <paramref name="text"/>. Never throws for any input.</summary>
    public static ParseResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var diagnostics = new DiagnosticBag();

        // UTF-16 code units, not code points: columns then match the editor's, and a lone surrogate is just a bad character.
        var lexer = new TariffLexer(new AntlrInputStream(text));
        lexer.RemoveErrorListeners();
        var tokens = new CommonTokenStream(lexer);
        tokens.Fill();
        ReportBadTokens(tokens, diagnostics);

        var parser = new TariffParser(tokens);
        parser.RemoveErrorListeners();
        parser.AddErrorListener(new SyntaxErrorCollector(diagnostics));
        var tree = parser.document();

        var builder = new SyntaxTreeBuilder(diagnostics, tokens);
        var document = builder.Build(tree);
        return new ParseResult(document, diagnostics.ToSortedList()) { InnerComments = builder.InnerComments };
    }

    private static void ReportBadTokens(CommonTokenStream tokens, DiagnosticBag diagnostics)
    {
        foreach (var token in tokens.GetTokens())
        {
            if (token.Type == TariffLexer.UNEXPECTED_CHARACTER)
            {
                diagnostics.Error(DiagnosticIds.UnexpectedCharacter, SyntaxSpans.Of(token), $"unexpected character {Describe(token.Text)}");
            }
            else if (token.Type == TariffLexer.UNTERMINATED_STRING)
            {
                diagnostics.Error(DiagnosticIds.UnterminatedString, SyntaxSpans.Of(token), "this string has no closing `\"` on its line");
            }
        }
    }

    internal static bool IsReportedByLexer(IToken? token) =>
        token?.Type is TariffLexer.UNEXPECTED_CHARACTER or TariffLexer.UNTERMINATED_STRING;

    internal static string Describe(string text) => text switch
    {
        "\n" or "\r\n" or "\r" => "end of line",
        _ when text.Length == 1 && char.IsControl(text[0]) => $"U+{(int)text[0]:X4}",
        _ when text.Length > 40 => $"`{text[..37]}...`",
        _ => $"`{text}`",
    };

    private sealed class SyntaxErrorCollector(DiagnosticBag diagnostics) : BaseErrorListener
    {
        public override void SyntaxError(TextWriter output, IRecognizer recognizer, IToken offendingSymbol, int line,
            int charPositionInLine, string msg, RecognitionException e)
        {
            // A bad character or string was already reported by the lexer pass; one report per mistake is enough.
            if (IsReportedByLexer(offendingSymbol))
            {
                return;
            }

            var atEnd = offendingSymbol is null || offendingSymbol.Type == TokenConstants.EOF;
            var found = atEnd ? "end of document" : Describe(offendingSymbol!.Text);
            var expected = recognizer is Parser parser ? ExpectedTokens(parser) : string.Empty;
            var message = expected.Length > 0 ? $"unexpected {found}; expected {expected}" : $"unexpected {found}";
            var length = atEnd ? 0 : offendingSymbol!.Text.Length;
            diagnostics.Error(DiagnosticIds.SyntaxError, SourceSpan.OnLine(line, charPositionInLine, length), message);
        }

        private static string ExpectedTokens(Parser parser)
        {
            var names = parser.GetExpectedTokens().ToArray()
                .Select(type => type == TokenConstants.EOF ? "end of document" : Display(parser.Vocabulary, type))
                .Distinct()
                .ToArray();
            return names.Length switch
            {
                0 => string.Empty,
                1 => names[0],
                <= 8 => "one of " + string.Join(", ", names),
                _ => "one of " + string.Join(", ", names.Take(8)) + ", …",
            };
        }

        private static string Display(IVocabulary vocabulary, int type) => type switch
        {
            TariffLexer.IDENTIFIER => "a name",
            TariffLexer.NUMBER => "a number",
            TariffLexer.STRING => "a string",
            TariffLexer.DATE => "a date (YYYY-MM-DD)",
            _ => vocabulary.GetLiteralName(type) is { } literal ? $"`{literal.Trim('\'')}`" : vocabulary.GetDisplayName(type).ToLowerInvariant(),
        };
    }
}
