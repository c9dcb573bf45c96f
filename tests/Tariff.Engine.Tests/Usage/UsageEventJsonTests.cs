using System.Globalization;
using System.Text.Json;
using Tariff.Engine.Usage;

namespace Tariff.Engine.Tests.Usage;

/// <summary>Reading canonical events: every field in any order, exact instants and numbers, and errors that name their field.</summary>
public sealed class UsageEventJsonTests
{
    private const string Full = """
        {"id": "e-1", "timestamp": "2026-03-01T10:00:00.25+05:30", "consumer": "acme", "source": "kong", "product": "api",
         "route": "/v1/items/{id}", "path": "/v1/items/7", "method": "GET", "status": 201, "latency_ms": "12.500",
         "request_bytes": 300, "response_bytes": 4096, "measures": {"tokens": 17.25, "images": "2"}, "dimensions": {"region": "eu"}}
        """;

    [Fact]
    public void Read_TakesEveryField_InAnyOrder()
    {
        using var written = JsonDocument.Parse(Full);
        var reversed = "{" + string.Join(", ", written.RootElement.EnumerateObject().Reverse().Select(p => p.ToString())) + "}";

        foreach (var text in new[] { Full, reversed })
        {
            var usage = Read(text);

            Assert.Equal(("e-1", "acme", "kong", "api", "/v1/items/{id}", "/v1/items/7", "GET", 201),
                (usage.Id, usage.Consumer, usage.Source, usage.Product, usage.Route, usage.Path, usage.Method, usage.Status));
            Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 0, 0, 250, TimeSpan.FromMinutes(330)), usage.Timestamp);
            Assert.Equal(TimeSpan.FromMinutes(330), usage.Timestamp.Offset);
            Assert.Equal(("12.500", 300m, 4096m), (usage.LatencyMs!.Value.ToString(CultureInfo.InvariantCulture), usage.RequestBytes, usage.ResponseBytes));
            Assert.Equal([("images", 2m), ("tokens", 17.25m)], usage.Measures!.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => (m.Key, m.Value)));
            Assert.Equal("eu", Assert.Single(usage.Dimensions!).Value);
        }
    }

    [Fact]
    public void Read_OptionalFieldsMayBeMissingOrNull_AndARepeatedFieldKeepsItsLastValue()
    {
        var usage = Read("""{"id": "a", "consumer": "first", "timestamp": "2026-03-01T10:00:00Z", "product": null, "consumer": "last"}""");
        var measured = Read("""{"id": "a", "timestamp": "2026-03-01T10:00:00Z", "consumer": "c", "measures": {"tokens": 1, "tokens": 2}}""");

        Assert.Equal(("a", "last", null, null, null, null), (usage.Id, usage.Consumer, usage.Source, usage.Product, usage.Measures, usage.Dimensions));
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero), usage.Timestamp);
        Assert.Equal(2m, Assert.Single(measured.Measures!).Value);
    }

    [Theory]
    [InlineData("2026-03-01T10:00:00.1234567Z")]
    [InlineData("2026-03-01T10:00:00.123456789Z")] // more decimals than ticks hold: read as DateTimeOffset reads them
    [InlineData("2026-03-01T10:00:00-03:00")]
    [InlineData("2026-03-01 10:00:00Z")]
    [InlineData("2026-03-01t10:00:00z")]
    public void Read_Timestamps_AreReadAsDateTimeOffsetReadsThem(string timestamp)
    {
        var usage = Read($$"""{"id": "a", "timestamp": "{{timestamp}}", "consumer": "c"}""");

        var expected = DateTimeOffset.Parse(timestamp, CultureInfo.InvariantCulture);
        Assert.Equal((expected.UtcTicks, expected.Offset), (usage.Timestamp.UtcTicks, usage.Timestamp.Offset));
    }

    [Theory]
    [InlineData("""[1]""", "events[4]: an event must be a JSON object")]
    [InlineData("""{"id": "a", "timestamp": "2026-03-01T10:00:00Z", "consumer": "c", "colour": "red"}""", "events[4].colour: unknown field")]
    [InlineData("""{"id": "a", "timestamp": "2026-03-01T10:00:00Z", "consumer": "c", "status": 700}""", "events[4].status: must be an HTTP status from 100 to 599, not 700")]
    [InlineData("""{"timestamp": "2026-03-01T10:00:00Z", "consumer": "c"}""", "events[4].id: required, and must be a non-empty string")]
    [InlineData("""{"id": 5, "timestamp": "2026-03-01T10:00:00Z", "consumer": "c"}""", "events[4].id: must be a string")]
    [InlineData("""{"id": "a", "timestamp": "2026-03-01T10:00:00", "consumer": "c"}""", "events[4].timestamp: \"2026-03-01T10:00:00\" must be an ISO 8601 date and time with an offset")]
    [InlineData("""{"id": "a", "timestamp": "2026-03-01T10:00:00Z", "consumer": ""}""", "events[4].consumer: required, and must be a non-empty string")]
    [InlineData("""{"id": "a", "timestamp": "2026-03-01T10:00:00Z", "consumer": "c", "latency_ms": "fast"}""", "events[4].latency_ms: must be a decimal number")]
    [InlineData("""{"id": "a", "timestamp": "2026-03-01T10:00:00Z", "consumer": "c", "measures": {"tokens": true}}""", "events[4].measures.tokens: must be a decimal number")]
    [InlineData("""{"id": "a", "timestamp": "2026-03-01T10:00:00Z", "consumer": "c", "measures": [1]}""", "events[4].measures: must be an object of named numbers")]
    [InlineData("""{"id": "a", "timestamp": "2026-03-01T10:00:00Z", "consumer": "c", "dimensions": {"region": 1}}""", "events[4].dimensions.region: must be a string")]
    public void Read_RefusesWithTheFieldsPath(string json, string message)
    {
        var text = json.StartsWith('[') ? json[1..^1] : json;

        var error = Assert.Throws<UsageFormatException>(() => Read(text, "events[4]"));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    private static UsageEvent Read(string json, string path = "$")
    {
        using var document = JsonDocument.Parse(json);
        return UsageEventJson.Read(document.RootElement, path);
    }
}
