using Antlr4.Runtime;

namespace Tariff.Grammar.Tests;

public sealed class TariffParserTests
{
    [Fact]
    public void Document_WithMeterAndPlan_ParsesBothDeclarationsWithoutErrors()
    {
        var (parser, errors) = ParserFor("meter api_calls { }\nplan starter { }\n");

        var document = parser.document();

        Assert.Empty(errors);
        Assert.Collection(document.declaration(),
            d => Assert.Equal("api_calls", Assert.IsType<TariffParser.MeterDeclarationContext>(d).name.Text),
            d => Assert.Equal("starter", Assert.IsType<TariffParser.PlanDeclarationContext>(d).name.Text));
    }

    [Fact]
    public void Lexer_CommentsAndWhitespace_StayOffTheDefaultChannel()
    {
        var lexer = new TariffLexer(CharStreams.fromString("# pricing for 2026\nmeter m { }"));
        var tokens = lexer.GetAllTokens();

        var comment = Assert.Single(tokens, t => t.Type == TariffLexer.LINE_COMMENT);
        Assert.Equal(TariffLexer.COMMENTS, comment.Channel);
        Assert.All(tokens.Where(t => t.Type == TariffLexer.WHITESPACE), t => Assert.Equal(TokenConstants.HiddenChannel, t.Channel));
        Assert.Equal(
            [TariffLexer.METER, TariffLexer.IDENTIFIER, TariffLexer.LBRACE, TariffLexer.RBRACE],
            tokens.Where(t => t.Channel == TokenConstants.DefaultChannel).Select(t => t.Type));
    }

    [Fact]
    public void Document_WithTwoBrokenDeclarations_ReportsAnErrorForEachAndReachesTheEnd()
    {
        var (parser, errors) = ParserFor("meter { }\nplan p {\nmeter ok { }\n");

        parser.document();

        Assert.True(errors.Count >= 2, $"expected an error per broken declaration, got: {string.Join(" | ", errors)}");
        Assert.Contains(errors, e => e.StartsWith("1:6", StringComparison.Ordinal));
    }

    [Fact]
    public void Lexer_UnknownCharacter_BecomesOneTokenInsteadOfStopping()
    {
        var lexer = new TariffLexer(CharStreams.fromString("meter a$b { }"));
        var types = lexer.GetAllTokens().Where(t => t.Channel == TokenConstants.DefaultChannel).Select(t => t.Type).ToArray();

        Assert.Equal(
            [TariffLexer.METER, TariffLexer.IDENTIFIER, TariffLexer.UNEXPECTED_CHARACTER, TariffLexer.IDENTIFIER, TariffLexer.LBRACE, TariffLexer.RBRACE],
            types);
    }

    private static (TariffParser Parser, List<string> Errors) ParserFor(string text)
    {
        var parser = new TariffParser(new CommonTokenStream(new TariffLexer(CharStreams.fromString(text))));
        var errors = new List<string>();
        parser.RemoveErrorListeners();
        parser.AddErrorListener(new CollectingListener(errors));
        return (parser, errors);
    }

    private sealed class CollectingListener(List<string> errors) : BaseErrorListener
    {
        public override void SyntaxError(TextWriter output, IRecognizer recognizer, IToken offendingSymbol, int line,
            int charPositionInLine, string msg, RecognitionException e) => errors.Add($"{line}:{charPositionInLine} {msg}");
    }
}
