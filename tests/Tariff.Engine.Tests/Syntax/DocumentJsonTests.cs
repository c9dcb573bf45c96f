using System.Text.Json;
using Tariff.Engine.Syntax;

namespace Tariff.Engine.Tests.Syntax;

public sealed class DocumentJsonTests
{
    public static TheoryData<string> CaseFiles => [.. TestDocuments.ValidCaseFiles()];

    [Theory]
    [MemberData(nameof(CaseFiles))]
    public void Json_RoundTrip_GivesTheSameJsonAndAnEquivalentDocument(string path)
    {
        var document = DocumentParser.Parse(File.ReadAllText(path)).Document;

        var json = DocumentJson.Serialize(document);
        var back = DocumentJson.Deserialize(json);

        Assert.Equal(json, DocumentJson.Serialize(back));
        Assert.True(back.IsEquivalentTo(document));
    }

    [Fact]
    public void Json_Decimals_AreStringsWithTheirScale()
    {
        var json = DocumentJson.Serialize(DocumentParser.Parse("plan p { currency USD fee base 49.00 recurring }").Document);

        Assert.Contains("\"amount\": \"49.00\"", json, StringComparison.Ordinal);
        Assert.Contains("\"kind\": \"plan\"", json, StringComparison.Ordinal);
        Assert.Contains("\"timing\": \"recurring\"", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"declarations\": [{\"kind\": \"meter\", \"name\": \"m\"}]}", "aggregation")]
    [InlineData("{\"declarations\": [{\"kind\": \"nonsense\", \"name\": \"m\"}]}", "nonsense")]
    [InlineData("{\"declarations\": [], \"extra\": 1}", "extra")]
    [InlineData("{\"declarations\": [{\"kind\": \"plan\", \"name\": \"p\", \"fees\": [{\"name\": \"f\", \"amount\": {\"amount\": 1.5}, \"timing\": \"recurring\", \"billing\": \"advance\"}], \"charges\": [], \"quotas\": [], \"examples\": []}]}", "decimal string")]
    public void Json_BadDocument_IsRefusedWithAMessageNamingTheProblem(string json, string expected)
    {
        var error = Assert.ThrowsAny<JsonException>(() => DocumentJson.Deserialize(json));

        Assert.Contains(expected, error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
