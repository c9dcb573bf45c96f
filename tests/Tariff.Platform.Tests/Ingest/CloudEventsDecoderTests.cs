using System.Text;
using Tariff.Platform.Ingest;

namespace Tariff.Platform.Tests.Ingest;

/// <summary>CloudEvents mapped as OpenMeter maps them (its documentation's own example first).</summary>
public sealed class CloudEventsDecoderTests
{
    private static readonly DateTimeOffset Received = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Decode_OpenMetersDocumentedExample_MapsEveryAttribute()
    {
        const string example = """
            {
              "specversion": "1.0",
              "type": "request",
              "id": "00001",
              "time": "2024-01-01T00:00:00.001Z",
              "source": "service-0",
              "subject": "customer-1",
              "data": { "duration_seconds": "12", "method": "GET", "route": "/hello" }
            }
            """;

        var usage = Assert.Single(Decode(example, batch: false)).Event!;

        Assert.Equal(("00001", "service-0", "customer-1"), (usage.Id, usage.Source, usage.Consumer));
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, 1, TimeSpan.Zero), usage.Timestamp);
        Assert.Equal(("GET", "/hello"), (usage.Method, usage.Route));
        Assert.Equal(12m, usage.Measures!["duration_seconds"]);
        Assert.Equal("request", usage.Dimensions!["type"]);
        Assert.Equal("12", usage.Dimensions["duration_seconds"]);
    }

    [Fact]
    public void Decode_BatchWithNestedDataStatusCodeAndNoTime_FlattensAndTakesTheTimeOfReceipt()
    {
        const string batch = """
            [{ "specversion": "1.0", "type": "prompt", "id": "p-1", "source": "llm-gateway", "subject": "acme",
               "data": { "status_code": 201, "model": "gpt4", "cached": true, "usage": { "input_tokens": 1200, "output_tokens": "300.5" } } }]
            """;

        var usage = Assert.Single(Decode(batch, batch: true)).Event!;

        Assert.Equal(Received, usage.Timestamp);
        Assert.Equal(201, usage.Status);
        Assert.Equal(1200m, usage.Measures!["usage.input_tokens"]);
        Assert.Equal(300.5m, usage.Measures["usage.output_tokens"]);
        Assert.Equal(("gpt4", "true", "prompt"), (usage.Dimensions!["model"], usage.Dimensions["cached"], usage.Dimensions["type"]));
    }

    [Fact]
    public void Decode_BadEventsInABatch_AreRefusedOneByOneNamingTheField()
    {
        const string batch = """
            [
              { "specversion": "1.0", "type": "t", "id": "ok", "source": "s", "subject": "acme", "data": { "tokens": 5 } },
              { "specversion": "1.0", "type": "t", "id": "no-subject", "source": "s" },
              { "specversion": "0.3", "type": "t", "id": "old", "source": "s", "subject": "acme" },
              { "specversion": "1.0", "type": "t", "id": "binary", "source": "s", "subject": "acme", "data_base64": "AAE=" },
              { "specversion": "1.0", "type": "t", "id": "list", "source": "s", "subject": "acme", "data": { "tags": ["a"] } },
              { "specversion": "1.0", "type": "t", "id": "xml", "source": "s", "subject": "acme", "datacontenttype": "text/xml" },
              { "specversion": "1.0", "type": "t", "id": "when", "source": "s", "subject": "acme", "time": "yesterday" },
              { "specversion": "1.0", "type": "t", "id": "teapot", "source": "s", "subject": "acme", "data": { "status": 1000 } }
            ]
            """;

        var decoded = Decode(batch, batch: true);

        Assert.NotNull(decoded[0].Event);
        Assert.Equal(
            ["[1].subject", "[2].specversion", "[3].data_base64", "[4].data.tags", "[5].datacontenttype", "[6].time", "[7].data.status"],
            decoded.Skip(1).Select(d => d.Error!.Field));
        Assert.Equal(["no-subject", "old", "binary", "list", "xml", "when", "teapot"], decoded.Skip(1).Select(d => d.Id));
    }

    [Theory]
    [InlineData("{}", true, "must be a JSON array")]
    [InlineData("[]", false, "must be a JSON object")]
    [InlineData("{", false, "not valid JSON")]
    public void Decode_WrongShapeForTheContentType_RefusesTheWholeBody(string body, bool batch, string reason)
    {
        var error = Assert.Throws<IngestFormatException>(() => Decode(body, batch));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    private static IReadOnlyList<DecodedEvent> Decode(string body, bool batch) =>
        new CloudEventsDecoder(batch).Decode(Encoding.UTF8.GetBytes(body), Received);
}
