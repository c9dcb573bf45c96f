using Tariff.Engine.Diagnostics;
using Tariff.Engine.Syntax;
using Tariff.Engine.Text;

namespace Tariff.Engine.Tests;

public sealed class DocumentParserTests
{
    [Fact]
    public void Parse_ValidDocument_BuildsTheTreeWithNameSpans()
    {
        var result = DocumentParser.Parse("meter api_calls { }\n  plan starter { }");

        Assert.Empty(result.Diagnostics);
        Assert.Equal(
            [new MeterDeclarationSyntax("api_calls", SourceSpan.OnLine(1, 6, 9)), new PlanDeclarationSyntax("starter", SourceSpan.OnLine(2, 7, 7))],
            result.Document.Declarations);
    }

    [Fact]
    public void Parse_SeveralErrors_ReportsEveryOneWithItsPosition()
    {
        var result = DocumentParser.Parse("meter { }\nplan ok { }\nplan $ { }\nmeter last {");

        Assert.True(result.HasErrors);
        Assert.Contains(result.Diagnostics, d => d is { Id: DiagnosticIds.SyntaxError, Span.Start: { Line: 1, Column: 6 } });
        Assert.Contains(result.Diagnostics, d => d is { Id: DiagnosticIds.UnexpectedCharacter, Span.Start: { Line: 3, Column: 5 } });
        Assert.Contains(result.Diagnostics, d => d.Id == DiagnosticIds.SyntaxError && d.Span.Start.Line == 4 && d.Message.Contains("end of document", StringComparison.Ordinal));
        // Recovery keeps the declaration that was well formed.
        Assert.Contains(result.Document.Declarations, d => d.Name == "ok");
    }

    [Fact]
    public void Parse_MissingBrace_SaysWhatWasExpectedInWords()
    {
        var diagnostic = Assert.Single(DocumentParser.Parse("plan starter }").Diagnostics);

        Assert.Equal("unexpected `}`; expected `{`", diagnostic.Message);
        Assert.Equal("doc.tariff(1,14): error TRF0002: unexpected `}`; expected `{`", diagnostic.Format("doc.tariff"));
    }

    [Fact]
    public void Parse_BadCharacter_IsReportedOnceNotTwice()
    {
        var diagnostics = DocumentParser.Parse("meter a { } @").Diagnostics;

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticIds.UnexpectedCharacter, diagnostic.Id);
        Assert.Equal(SourceSpan.OnLine(1, 12, 1), diagnostic.Span);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\0\0\0")]
    [InlineData("meter")]
    [InlineData("}}}}{{{{")]
    [InlineData("plan plan plan")]
    [InlineData("meter \u00e9t\u00e9 { }")]
    public void Parse_AnyInput_ReturnsDiagnosticsWithoutThrowing(string text)
    {
        var result = DocumentParser.Parse(text);

        Assert.All(result.Diagnostics, d => Assert.True(d.Span.Start.Line >= 1 && d.Span.Start.Column >= 0, d.ToString()));
    }

    [Fact]
    public void Parse_SeededRandomInput_NeverThrows()
    {
        var random = new Random(20261121);
        const string alphabet = "meterplan{}#_ \n\t$@\"'0123456789abcXYZ\u00e9\0";
        for (var i = 0; i < 2_000; i++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(0, 60)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            var result = DocumentParser.Parse(text);
            Assert.NotNull(result.Document);
        }
    }
}
