using Tariff.Platform.Assistant;

namespace Tariff.Platform.Tests.Assistant;

public sealed class ProposalReplyTests
{
    [Fact]
    public void Parse_OneBlock_SeparatesTheDocumentFromTheExplanation()
    {
        var (text, explanation) = ProposalReply.Parse("A flat fee and per-call pricing.\n\n```tariff\nmeter calls {\n    count\n}\n```\n\nTell me if VAT applies.");

        Assert.Equal("meter calls {\n    count\n}\n", text);
        Assert.Equal("A flat fee and per-call pricing.\n\n\n\nTell me if VAT applies.", explanation);
    }

    [Fact]
    public void Parse_SeveralBlocks_TakesTheLastAndKeepsTheRestAsExplanation()
    {
        var (text, explanation) = ProposalReply.Parse("First try:\n```\nmeter a {\n}\n```\nBetter:\r\n```tariff\r\nmeter b {\r\n    count\r\n}\r\n```");

        Assert.Equal("meter b {\n    count\n}\n", text);
        Assert.Equal("First try:\n```\nmeter a {\n}\n```\nBetter:", explanation);
    }

    [Fact]
    public void Parse_NoBlock_IsAllExplanation()
    {
        var (text, explanation) = ProposalReply.Parse("  Which currency should the plan use?  ");

        Assert.Null(text);
        Assert.Equal("Which currency should the plan use?", explanation);
    }
}
