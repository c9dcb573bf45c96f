using System.Globalization;
using System.Text.Json;
using Tariff.Engine.Usage;

namespace Tariff.Platform.Ingest;

/// <summary>
/// CloudEvents 1.0 in the JSON event format, one event (<c>application/cloudevents+json</c>) or a batch
/// (<c>application/cloudevents-batch+json</c>), mapped as OpenMeter maps them, so that producers written for
/// OpenMeter (Kong's metering, the OpenMeter SDKs) send here unchanged:
/// <list type="bullet">
/// <item><c>id</c> and <c>source</c> are the idempotency key; <c>subject</c> is the consumer;</item>
/// <item><c>time</c> is the timestamp (the time of receipt when absent, as OpenMeter does);</item>
/// <item><c>type</c> becomes the dimension <c>type</c>, which meters filter on (<c>where dimensions.type = "request"</c>);</item>
/// <item>the members of <c>data</c> named like canonical fields (<c>method</c>, <c>route</c>, <c>path</c>,
/// <c>status</c> or <c>status_code</c>, <c>latency_ms</c>, <c>request_bytes</c>, <c>response_bytes</c>,
/// <c>product</c>) fill them; other numbers become measures, other strings dimensions, and strings holding a decimal
/// number (OpenMeter's examples send <c>"duration_seconds": "12"</c>) both; nested objects flatten to dotted names.</item>
/// </list>
/// </summary>
public sealed class CloudEventsDecoder(bool batch) : IUsageDecoder
{
    private const int MaxDepth = 4;

    public string Name => batch ? "cloudevents-batch" : "cloudevents";

    public IReadOnlyList<DecodedEvent> Decode(ReadOnlyMemory<byte> body, DateTimeOffset receivedAt) => batch
        ? JsonDecoding.OneOrMany(body, (record, index, path) => Read(record, index, path, receivedAt), "A CloudEvents batch must be a JSON array", one: false)
        : JsonDecoding.OneOrMany(body, (record, index, path) => Read(record, index, path, receivedAt),
            "A CloudEvent must be a JSON object (send batches as application/cloudevents-batch+json)", many: false);

    private static DecodedEvent Read(JsonElement element, int index, string path, DateTimeOffset receivedAt)
    {
        try
        {
            return DecodedEvent.Read(index, Map(element, path, receivedAt));
        }
        catch (UsageFormatException error)
        {
            return DecodedEvent.Refused(index, JsonDecoding.IdOf(element), EventError.FromMessage(error.Message));
        }
    }

    private static UsageEvent Map(JsonElement element, string path, DateTimeOffset receivedAt)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new UsageFormatException($"{path}: a CloudEvent must be a JSON object");
        }

        if (Text(element, "specversion", path) is not "1.0")
        {
            throw new UsageFormatException($"{path}.specversion: must be \"1.0\" (CloudEvents 1.0)");
        }

        if (Text(element, "datacontenttype", path) is { } contentType && !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageFormatException($"{path}.datacontenttype: only application/json data can be metered, not {contentType}");
        }

        if (element.TryGetProperty("data_base64", out _))
        {
            throw new UsageFormatException($"{path}.data_base64: binary data cannot be metered; send data as a JSON object");
        }

        var fields = new DataFields();
        if (element.TryGetProperty("data", out var data) && data.ValueKind != JsonValueKind.Null)
        {
            if (data.ValueKind != JsonValueKind.Object)
            {
                throw new UsageFormatException($"{path}.data: must be a JSON object of named values");
            }

            fields.Read(data, string.Empty, $"{path}.data", 1);
        }

        fields.Dimensions["type"] = Required(element, "type", path);
        var time = Text(element, "time", path);
        return new UsageEvent(
            Id: Required(element, "id", path),
            Timestamp: time is null ? receivedAt : UsageEventJson.Instant(time, $"{path}.time"),
            Consumer: Required(element, "subject", path),
            Source: Required(element, "source", path),
            Product: fields.Take("product"),
            Route: fields.Take("route"),
            Path: fields.Take("path"),
            Method: fields.Take("method"),
            Status: fields.Status(path),
            LatencyMs: fields.TakeNumber("latency_ms"),
            RequestBytes: fields.TakeNumber("request_bytes"),
            ResponseBytes: fields.TakeNumber("response_bytes"),
            Measures: fields.Measures.Count == 0 ? null : fields.Measures,
            Dimensions: fields.Dimensions);
    }

    private static string Required(JsonElement element, string name, string path) =>
        Text(element, name, path) is { Length: > 0 } text ? text : throw new UsageFormatException($"{path}.{name}: required, and must be a non-empty string");

    private static string? Text(JsonElement element, string name, string path) =>
        !element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw new UsageFormatException($"{path}.{name}: must be a string");

    // The members of `data`, flattened, sorted into numbers and text; canonical fields are taken out as they are read.
    private sealed class DataFields
    {
        public Dictionary<string, decimal> Measures { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> Dimensions { get; } = new(StringComparer.Ordinal);

        public void Read(JsonElement data, string prefix, string path, int depth)
        {
            foreach (var member in data.EnumerateObject())
            {
                var name = prefix + member.Name;
                var memberPath = $"{path}.{member.Name}";
                switch (member.Value.ValueKind)
                {
                    case JsonValueKind.Number:
                        Measures[name] = UsageEventJson.Number(member.Value, memberPath);
                        break;
                    case JsonValueKind.String:
                        var text = member.Value.GetString()!;
                        Dimensions[name] = text;
                        if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                        {
                            Measures[name] = number;
                        }

                        break;
                    case JsonValueKind.True or JsonValueKind.False:
                        Dimensions[name] = member.Value.ValueKind == JsonValueKind.True ? "true" : "false";
                        break;
                    case JsonValueKind.Object when depth < MaxDepth:
                        Read(member.Value, name + ".", memberPath, depth + 1);
                        break;
                    case JsonValueKind.Null:
                        break;
                    default:
                        throw new UsageFormatException($"{memberPath}: {JsonDecoding.KindName(member.Value.ValueKind)} cannot be metered; use numbers, strings, booleans or objects up to {MaxDepth} levels deep");
                }
            }
        }

        public string? Take(string name)
        {
            Measures.Remove(name);
            return Dimensions.Remove(name, out var text) ? text : null;
        }

        public decimal? TakeNumber(string name)
        {
            Dimensions.Remove(name);
            return Measures.Remove(name, out var number) ? number : null;
        }

        public int? Status(string path)
        {
            var status = TakeNumber("status") ?? TakeNumber("status_code");
            return status switch
            {
                null => null,
                { } code when code == decimal.Truncate(code) && code is >= 100 and <= 599 => (int)code,
                { } code => throw new UsageFormatException($"{path}.data.status: must be an HTTP status from 100 to 599, not {code}"),
            };
        }
    }
}
