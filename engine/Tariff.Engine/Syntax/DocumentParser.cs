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
        var diagnostics = new List<Diagnostic>();

        var lexer = new TariffLexer(CharStreams.fromString(text));
        lexer.RemoveErrorListeners();
        var tokens = new CommonTokenStream(lexer);
        tokens.Fill();
        foreach (var token in tokens.GetTokens())
        {
            if (token.Type == TariffLexer.UNEXPECTED_CHARACTER)
            {
                diagnostics.Add(new Diagnostic(
                    DiagnosticIds.UnexpectedCharacter,
                    DiagnosticSeverity.Error,
                    $"unexpected character {Describe(token.Text)}",
                    SourceSpan.OnLine(token.Line, token.Column, token.Text.Length)));
            }
        }

        var parser = new TariffParser(tokens);
        parser.RemoveErrorListeners();
        parser.AddErrorListener(new SyntaxErrorCollector(diagnostics));
        var tree = parser.document();

        var declarations = new List<DeclarationSyntax>();
        foreach (var declaration in tree.declaration())
        {
            switch (declaration)
            {
                case TariffParser.MeterDeclarationContext meter when IsComplete(meter.name):
                    declarations.Add(new MeterDeclarationSyntax(meter.name.Text, SpanOf(meter.name)));
                    break;
                case TariffParser.PlanDeclarationContext plan when IsComplete(plan.name):
                    declarations.Add(new PlanDeclarationSyntax(plan.name.Text, SpanOf(plan.name)));
                    break;
            }
        }

        diagnostics.Sort((a, b) => (a.Span.Start.Line, a.Span.Start.Column).CompareTo((b.Span.Start.Line, b.Span.Start.Column)));
        return new ParseResult(new DocumentSyntax(declarations), diagnostics);
    }

    // Tokens conjured by error recovery have no position in the text; they must not reach the tree.
    private static bool IsComplete(IToken? token) => token is not null && token.TokenIndex >= 0 && token.StartIndex >= 0;

    private static SourceSpan SpanOf(IToken token) => SourceSpan.OnLine(token.Line, token.Column, token.Text.Length);

    internal static string Describe(string text) => text switch
    {
        "\n" or "\r\n" or "\r" => "end of line",
        _ when text.Length == 1 && char.IsControl(text[0]) => $"U+{(int)text[0]:X4}",
        _ => $"`{text}`",
    };

    private sealed class SyntaxErrorCollector(List<Diagnostic> diagnostics) : BaseErrorListener
    {
        public override void SyntaxError(TextWriter output, IRecognizer recognizer, IToken offendingSymbol, int line,
            int charPositionInLine, string msg, RecognitionException e)
        {
            // A bad character was already reported by the lexer pass; one report per mistake is enough.
            if (offendingSymbol?.Type == TariffLexer.UNEXPECTED_CHARACTER)
            {
                return;
            }

            var found = offendingSymbol is null || offendingSymbol.Type == TokenConstants.EOF
                ? "end of document"
                : Describe(offendingSymbol.Text);
            var expected = recognizer is Parser parser ? ExpectedTokens(parser) : string.Empty;
            var message = expected.Length > 0 ? $"unexpected {found}; expected {expected}" : $"unexpected {found}";
            var length = offendingSymbol is null || offendingSymbol.Type == TokenConstants.EOF ? 0 : offendingSymbol.Text.Length;
            diagnostics.Add(new Diagnostic(DiagnosticIds.SyntaxError, DiagnosticSeverity.Error, message,
                SourceSpan.OnLine(line, charPositionInLine, length)));
        }

        private static string ExpectedTokens(Parser parser)
        {
            var names = parser.GetExpectedTokens().ToArray()
                .Select(type => type == TokenConstants.EOF ? "end of document" : parser.Vocabulary.GetDisplayName(type))
                .Select(name => name.StartsWith('\'') ? $"`{name.Trim('\'')}`" : name.ToLowerInvariant().Replace('_', ' '))
                .ToArray();
            return names.Length switch
            {
                0 => string.Empty,
                1 => names[0],
                _ => "one of " + string.Join(", ", names),
            };
        }
    }
}
