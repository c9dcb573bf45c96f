using System.Text;
using Tariff.Platform.Ingest;
using Tariff.Testing;

namespace Tariff.Platform.Tests.Ingest;

/// <summary>Kong's published log samples (tests/cases/gateways, copied from the fixtures) and the shapes around them.</summary>
public sealed class KongLogDecoderTests
{
    private static readonly DateTimeOffset Received = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Decode_Kong38Sample_MapsEveryBillingField()
    {
        var usage = Assert.Single(Decode(Sample(1))).Event!;

        Assert.Equal("2f6946328ffc4946b8c9120704a4a155", usage.Id);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1726783839538), usage.Timestamp);
        Assert.Equal((KongLogDecoder.Anonymous, "kong"), (usage.Consumer, usage.Source));
        Assert.Equal(("example_service", "/example-route", "/example-route", "GET", 200), (usage.Product, usage.Route, usage.Path, usage.Method, usage.Status));
        Assert.Equal((173m, 139m, 9982m), (usage.LatencyMs!.Value, usage.RequestBytes!.Value, usage.ResponseBytes!.Value));
        Assert.Equal(("example_route", "default", "upstream", "200"),
            (usage.Dimensions!["kong_route"], usage.Dimensions["workspace"], usage.Dimensions["kong_source"], usage.Dimensions["upstream_status"]));
        Assert.Equal((1m, 171m), (usage.Measures!["kong_latency_ms"], usage.Measures["proxy_latency_ms"]));
    }

    [Fact]
    public void Decode_LegacySampleWithStringSizesAndAConsumer_MapsTheConsumerAndAStableId()
    {
        var first = Assert.Single(Decode(Sample(3))).Event!;
        var again = Assert.Single(Decode(Sample(3))).Event!;

        Assert.Equal("35b03bfc-7a5b-4a23-a594-aa350c585fa8", first.Consumer);
        Assert.Equal("demo", first.Dimensions!["consumer_username"]);
        Assert.Equal((75m, 434m, 1921m), (first.RequestBytes!.Value, first.ResponseBytes!.Value, first.LatencyMs!.Value));
        Assert.Equal(("myservice", "/example-path", "default"), (first.Product, first.Route, first.Dimensions["workspace"]));
        Assert.StartsWith("sha256:", first.Id, StringComparison.Ordinal);
        Assert.Equal(first.Id, again.Id);
    }

    [Fact]
    public void Decode_BatchedArrayAsHttpLogSendsIt_GivesOneEventPerRecord()
    {
        var decoded = Decode($"[{Sample(1)},{Sample(3)}]");

        Assert.Equal(2, decoded.Count);
        Assert.Equal("2f6946328ffc4946b8c9120704a4a155", decoded[0].Event!.Id);
        Assert.Equal("35b03bfc-7a5b-4a23-a594-aa350c585fa8", decoded[1].Event!.Consumer);
    }

    [Fact]
    public void Decode_FileLogLinesWithABadLine_RefusesOnlyThatLine()
    {
        var body = OneLine(Sample(1)) + "\n{ not json\n\n" + OneLine(Sample(3)) + "\n";

        var decoded = new KongLogDecoder(lines: true).Decode(Encoding.UTF8.GetBytes(body), Received);

        Assert.Equal(3, decoded.Count);
        Assert.NotNull(decoded[0].Event);
        Assert.Equal("line 2", decoded[1].Error!.Field);
        Assert.NotNull(decoded[2].Event);
    }

    [Theory]
    [InlineData("""{"request": {"id": "r1"}}""", "$.started_at")]
    [InlineData("""{"request": {"id": "r2", "size": "lots"}, "started_at": 1}""", "$.request.size")]
    [InlineData("""{"request": {"id": "r3"}, "response": {"status": 42}, "started_at": 1}""", "$.response.status")]
    [InlineData("""[3]""", "[0]")]
    public void Decode_RecordMissingOrMangledFields_IsRefusedNamingTheField(string body, string field)
    {
        var refused = Assert.Single(Decode(body));

        Assert.Null(refused.Event);
        Assert.Equal(field, refused.Error!.Field);
    }

    [Fact]
    public void Decode_StreamSubsystemRecord_MapsSessionBytesStatusAndTime()
    {
        const string stream = """
            {"session": {"received": 120, "sent": 4096, "status": 200, "server_port": 9000}, "upstream": {"received": 4096, "sent": 120},
             "latencies": {"kong": 2, "session": 350}, "started_at": 1726783839538, "consumer": {"id": "c-1"},
             "response": {"headers": {"x-kong-request-id": "stream-1"}}}
            """;

        var usage = Assert.Single(Decode(stream)).Event!;

        Assert.Equal(("stream-1", "c-1", 200), (usage.Id, usage.Consumer, usage.Status));
        Assert.Equal((120m, 4096m, 350m), (usage.RequestBytes!.Value, usage.ResponseBytes!.Value, usage.LatencyMs!.Value));
    }

    internal static string Sample(int number) =>
        File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "tests", "cases", "gateways", $"kong-sample-{number}.json"));

    private static string OneLine(string json) => System.Text.Json.JsonSerializer.Serialize(System.Text.Json.JsonDocument.Parse(json).RootElement);

    private static IReadOnlyList<DecodedEvent> Decode(string body) => new KongLogDecoder(lines: false).Decode(Encoding.UTF8.GetBytes(body), Received);
}
