using Tariff.Engine.Formatting;
using Tariff.Engine.Syntax;

namespace Tariff.Engine.Tests.Formatting;

public sealed class DocumentFormatterTests
{
    public static TheoryData<string> CaseFiles => [.. TestDocuments.ValidCaseFiles()];

    [Theory]
    [MemberData(nameof(CaseFiles))]
    public void Format_ParsedAgain_GivesAnEquivalentDocumentAndIsIdempotent(string path)
    {
        var document = DocumentParser.Parse(File.ReadAllText(path)).Document;

        var formatted = DocumentFormatter.Format(document);
        var reparsed = DocumentParser.Parse(formatted);

        Assert.Empty(reparsed.Diagnostics);
        Assert.True(reparsed.Document.IsEquivalentTo(document), formatted);
        Assert.Equal(formatted, DocumentFormatter.Format(reparsed.Document));
    }

    [Fact]
    public void Format_GoldenFullPlan_IsAlreadyCanonical()
    {
        var text = TestDocuments.FullPlan;

        Assert.Equal(text, DocumentFormatter.Format(DocumentParser.Parse(text).Document));
    }

    [Fact]
    public void Format_MessyLayout_BecomesCanonical()
    {
        var formatted = DocumentFormatter.Format(DocumentParser.Parse(
            "meter   m{count where(status=200)or(status=201 and method=\"GET\")}  plan p{currency USD charge m{per unit 0.01}}").Document);

        Assert.Equal(
            "meter m {\n    count\n    where status = 200 or status = 201 and method = \"GET\"\n}\n\nplan p {\n    currency USD\n    charge m {\n        per unit 0.01\n    }\n}\n",
            formatted);
    }

    [Fact]
    public void Format_ConditionTreesThatNeedParentheses_KeepThem()
    {
        const string text = "meter m {\n    count\n    where (status = 1 or status = 2) and not (status = 3 and status = 4) and (status = 5 and status = 6)\n}\n";

        var document = DocumentParser.Parse(text).Document;

        Assert.True(DocumentParser.Parse(DocumentFormatter.Format(document)).Document.IsEquivalentTo(document));
        Assert.Contains("(status = 1 or status = 2) and not (status = 3 and status = 4) and (status = 5 and status = 6)",
            DocumentFormatter.Format(document), StringComparison.Ordinal);
    }

    [Fact]
    public void Format_StringsWithQuotesAndBackslashes_AreEscapedAndReadBack()
    {
        var document = DocumentParser.Parse("meter m { count where path = \"a\\\"b\\\\c\" }").Document;

        var reparsed = DocumentParser.Parse(DocumentFormatter.Format(document)).Document;

        var condition = (ComparisonConditionSyntax)((MeterSyntax)reparsed.Declarations[0]).Filters[0];
        Assert.Equal("a\"b\\c", condition.Value.Text);
    }
}
