using Tariff.Engine.Binding;
using Tariff.Engine.Diagnostics;
using Tariff.Engine.Syntax;
using Tariff.Engine.Text;

namespace Tariff.Engine.Tests.Syntax;

public sealed class DocumentParserTests
{
    [Fact]
    public void Parse_Meter_BuildsAggregationFiltersAndGroupsWithSpans()
    {
        var result = DocumentParser.Parse("meter tokens {\n    sum measures.tokens\n    where method = \"POST\"\n    group by dimensions.model\n}\n");

        Assert.Empty(result.Diagnostics);
        var meter = Assert.IsType<MeterSyntax>(Assert.Single(result.Document.Declarations));
        Assert.Equal(("tokens", SourceSpan.OnLine(1, 6, 6)), (meter.Name.Value, meter.Name.Span));
        Assert.Equal(AggregationFunction.Sum, meter.Aggregation!.Function);
        Assert.Equal("measures.tokens", meter.Aggregation.Field!.Path);
        var filter = Assert.IsType<ComparisonConditionSyntax>(Assert.Single(meter.Filters));
        Assert.Equal(("method", ComparisonOperator.Equal, "POST"), (filter.Field.Path, filter.Operator, filter.Value.Text));
        Assert.Equal(["dimensions.model"], meter.GroupBy.Select(g => g.Path));
    }

    [Fact]
    public void Parse_Fees_AreBilledInArrearsUnlessTheySayInAdvance()
    {
        var plan = (PlanSyntax)DocumentParser.Parse(
            "plan p { currency USD fee a 1 recurring fee b 2 recurring in advance fee c 3 once in arrears fee d 4 once }").Document.Declarations[0];

        Assert.Equal([FeeBilling.Arrears, FeeBilling.Advance, FeeBilling.Arrears, FeeBilling.Arrears], plan.Fees.Select(f => f.Billing));
    }

    [Fact]
    public void Parse_Conditions_NotBindsTighterThanAndWhichBindsTighterThanOr()
    {
        var meter = (MeterSyntax)DocumentParser.Parse("meter m { count where not status = 1 and status = 2 or status = 3 }").Document.Declarations[0];

        var or = Assert.IsType<OrConditionSyntax>(Assert.Single(meter.Filters));
        var and = Assert.IsType<AndConditionSyntax>(or.Left);
        Assert.IsType<NotConditionSyntax>(and.Left);
        Assert.IsType<ComparisonConditionSyntax>(or.Right);
    }

    [Fact]
    public void Parse_SeveralErrors_ReportsEveryOneWithItsPosition()
    {
        var result = DocumentParser.Parse("meter { count }\nmeter ok { count }\nmeter $ { count }\nplan p { currency USD");

        Assert.True(result.HasErrors);
        Assert.Contains(result.Diagnostics, d => d is { Id: DiagnosticIds.SyntaxError, Span.Start: { Line: 1, Column: 6 } });
        Assert.Contains(result.Diagnostics, d => d is { Id: DiagnosticIds.UnexpectedCharacter, Span.Start: { Line: 3, Column: 6 } });
        Assert.Contains(result.Diagnostics, d => d.Id == DiagnosticIds.SyntaxError && d.Span.Start.Line == 4 && d.Message.Contains("end of document", StringComparison.Ordinal));
        Assert.Contains(result.Document.Declarations, d => d.Name.Value == "ok");
    }

    [Fact]
    public void Parse_MissingBrace_SaysWhatWasExpectedInWords()
    {
        var diagnostic = DocumentParser.Parse("plan starter currency USD }").Diagnostics[0];

        Assert.Equal("doc.tariff(1,14): error TRF0002: unexpected `currency`; expected `{`", diagnostic.Format("doc.tariff"));
    }

    [Fact]
    public void Parse_UnterminatedString_IsOneClearError()
    {
        var diagnostic = Assert.Single(DocumentParser.Parse("meter m {\n    count\n    unit \"calls\n}\n").Diagnostics);

        Assert.Equal((DiagnosticIds.UnterminatedString, 3, 9), (diagnostic.Id, diagnostic.Span.Start.Line, diagnostic.Span.Start.Column));
    }

    [Fact]
    public void Parse_NumberBeyondDecimal_IsReportedNotRounded()
    {
        var diagnostic = Assert.Single(DocumentParser.Parse("meter m { count divide by 1234567890123456789012345678901 }").Diagnostics);

        Assert.Equal(DiagnosticIds.NumberOutOfRange, diagnostic.Id);
        Assert.Contains("28 significant digits", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SecondAggregation_IsADuplicatePointingAtTheFirst()
    {
        var diagnostic = Assert.Single(DocumentParser.Parse("meter m {\n    count\n    sum status\n}").Diagnostics);

        Assert.Equal(DiagnosticIds.DuplicateItem, diagnostic.Id);
        Assert.Equal("a meter has one aggregation; the first is on line 2", diagnostic.Message);
        Assert.Equal(3, diagnostic.Span.Start.Line);
    }

    [Fact]
    public void Parse_MeterWithoutAggregation_SaysWhatToAdd()
    {
        var diagnostic = Assert.Single(DocumentParser.Parse("meter calls { where status = 200 }").Diagnostics);

        Assert.Equal(DiagnosticIds.MissingItem, diagnostic.Id);
        Assert.StartsWith("meter `calls` says nothing to count", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CommentsAboveDeclarations_AreKeptAndCommentsInsideCounted()
    {
        var result = DocumentParser.Parse("# calls\n# all of them\nmeter m {\n    # inside\n    count\n}\n");

        Assert.Equal(["# calls", "# all of them"], result.Document.Declarations[0].LeadingComments);
        Assert.Equal(1, result.InnerComments);
    }

    [Fact]
    public void Parse_LoneSurrogateAndEmoji_AreHandledAndColumnsCountUtf16UnitsLikeTheEditor()
    {
        // Found by the fuzzer: a lone surrogate (possible in JSON) used to crash the lexer.
        var lone = DocumentParser.Parse("meter m { count }\ud800");
        var emoji = Binder.Check("meter m {\n    count\n    where method = \"\ud83d\ude00\" and staus = 1\n}\n");

        Assert.Equal(DiagnosticIds.UnexpectedCharacter, Assert.Single(lone.Diagnostics).Id);
        var unknown = Assert.Single(emoji.Diagnostics);
        Assert.Equal((3, 28), (unknown.Span.Start.Line, unknown.Span.Start.Column)); // 27 if the emoji counted as one
    }

    [Theory]
    [InlineData("")]
    [InlineData("\0\0\0")]
    [InlineData("meter")]
    [InlineData("}}}}{{{{")]
    [InlineData("plan plan plan")]
    [InlineData("meter \u00e9t\u00e9 { count }")]
    [InlineData("plan p { charge x { graduated { above at } } }")]
    [InlineData("meter m { count where (((((status = 1 }")]
    public void Parse_AnyInput_ReturnsDiagnosticsWithoutThrowing(string text)
    {
        var result = DocumentParser.Parse(text);

        Assert.All(result.Diagnostics, d => Assert.True(d.Span.Start.Line >= 1 && d.Span.Start.Column >= 0, d.ToString()));
    }
}
