using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Tariff.Engine.Usage;

namespace Tariff.Platform.Ingest;

/// <summary>
/// Kong's log object (<c>kong.log.serialize()</c>, what http-log, file-log, tcp-log, udp-log and syslog send): one
/// object, a batch (http-log with <c>max_batch_size</c> above 1 sends an array), or one object per line
/// (<paramref name="lines"/>: file-log and tcp-log). Field list and version drift: fixtures/gateways/kong.md.
/// <list type="bullet">
/// <item>id: <c>request.id</c> (Kong 3.x), else the <c>x-kong-request-id</c> response header, else a SHA-256 of the
/// record itself, so that the same record sent twice is the same event;</item>
/// <item>timestamp: <c>started_at</c> (Unix milliseconds); consumer: <c>consumer.id</c>, else the authenticated
/// credential's consumer, else <c>anonymous</c> (kept and visible, never billed unless mapped);</item>
/// <item>product: the service's name; route: the route's first path; path: the request URI without its query;
/// method, status, latency (<c>latencies.request</c>) and sizes (numbers or, before Kong 3, strings);</item>
/// <item>dimensions: route and service names, workspace, the consumer's username and custom id, who answered
/// (<c>source</c>) and the upstream status; measures: Kong's and the upstream's latency.</item>
/// </list>
/// The stream subsystem's shape (<c>session</c>, <c>upstream</c>, <c>latencies.session</c>) maps its bytes, status and
/// session time the same way.
/// </summary>
public sealed class KongLogDecoder(bool lines) : IUsageDecoder
{
    /// <summary>The consumer of requests no authentication plugin identified.</summary>
    public const string Anonymous = "anonymous";

    /// <summary>The source of every Kong event (part of its idempotency key).</summary>
    public const string Source = "kong";

    public string Name => "kong";

    public IReadOnlyList<DecodedEvent> Decode(ReadOnlyMemory<byte> body, DateTimeOffset receivedAt) => lines
        ? JsonDecoding.Lines(body, Read)
        : JsonDecoding.OneOrMany(body, Read, "A Kong log body must be a log object or an array of them");

    private static DecodedEvent Read(JsonElement record, int index, string path)
    {
        string? id = null;
        try
        {
            if (record.ValueKind != JsonValueKind.Object)
            {
                throw new UsageFormatException($"{path}: a Kong log record must be a JSON object");
            }

            id = IdOf(record);
            return DecodedEvent.Read(index, Map(record, id, path));
        }
        catch (UsageFormatException error)
        {
            return DecodedEvent.Refused(index, id, EventError.FromMessage(error.Message));
        }
    }

    private static UsageEvent Map(JsonElement record, string id, string path)
    {
        var request = Child(record, "request");
        var response = Child(record, "response");
        var session = Child(record, "session");
        var latencies = Child(record, "latencies");
        var consumer = Child(record, "consumer");
        var credential = Child(record, "authenticated_entity");
        var service = Child(record, "service");
        var route = Child(record, "route");

        var dimensions = new Dictionary<string, string>(StringComparer.Ordinal);
        AddText(dimensions, "kong_route", route, "name");
        AddText(dimensions, "kong_service", service, "name");
        AddText(dimensions, "consumer_username", consumer, "username");
        AddText(dimensions, "consumer_custom_id", consumer, "custom_id");
        AddText(dimensions, "kong_source", record, "source");
        AddText(dimensions, "upstream_status", record, "upstream_status");
        if ((Text(record, "workspace_name") ?? WorkspaceOfList(record)) is { } workspace)
        {
            dimensions["workspace"] = workspace;
        }

        var measures = new Dictionary<string, decimal>(StringComparer.Ordinal);
        AddNumber(measures, "kong_latency_ms", latencies, "kong", $"{path}.latencies");
        AddNumber(measures, "proxy_latency_ms", latencies, "proxy", $"{path}.latencies");

        var status = Number(response, "status", $"{path}.response") ?? Number(session, "status", $"{path}.session");
        if (status is { } code && (code != decimal.Truncate(code) || code is < 100 or > 599))
        {
            throw new UsageFormatException($"{path}.response.status: must be an HTTP status from 100 to 599, not {code}");
        }

        return new UsageEvent(
            Id: id,
            Timestamp: StartedAt(record, path),
            Consumer: Text(consumer, "id") ?? Text(credential, "consumer_id") ?? Text(credential, "id") ?? Anonymous,
            Source: Source,
            Product: Text(service, "name") ?? Text(service, "id"),
            Route: FirstPath(route),
            Path: Text(request, "uri") is { } uri ? uri.Split('?')[0] : null,
            Method: Text(request, "method"),
            Status: status is null ? null : (int)status.Value,
            LatencyMs: Number(latencies, "request", $"{path}.latencies") ?? Number(latencies, "session", $"{path}.latencies"),
            RequestBytes: Number(request, "size", $"{path}.request") ?? Number(session, "received", $"{path}.session"),
            ResponseBytes: Number(response, "size", $"{path}.response") ?? Number(session, "sent", $"{path}.session"),
            Measures: measures.Count == 0 ? null : measures,
            Dimensions: dimensions.Count == 0 ? null : dimensions);
    }

    // Kong's own request id when it has one; otherwise the record's content, which a retry repeats exactly.
    private static string IdOf(JsonElement record) =>
        Text(Child(record, "request"), "id")
        ?? Text(Child(Child(record, "response"), "headers"), "x-kong-request-id")
        ?? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(record.GetRawText())))[..32];

    private static DateTimeOffset StartedAt(JsonElement record, string path)
    {
        if (Number(record, "started_at", path) is not { } milliseconds)
        {
            throw new UsageFormatException($"{path}.started_at: required (Unix time in milliseconds)");
        }

        try
        {
            return DateTimeOffset.FromUnixTimeMilliseconds((long)decimal.Truncate(milliseconds));
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new UsageFormatException($"{path}.started_at: {milliseconds} is not a Unix time in milliseconds");
        }
    }

    private static string? FirstPath(JsonElement route) =>
        route.ValueKind == JsonValueKind.Object && route.TryGetProperty("paths", out var paths) && paths.ValueKind == JsonValueKind.Array
            && paths.GetArrayLength() > 0 && paths[0].ValueKind == JsonValueKind.String
            ? paths[0].GetString()
            : null;

    private static string? WorkspaceOfList(JsonElement record) =>
        record.TryGetProperty("workspaces", out var list) && list.ValueKind == JsonValueKind.Array && list.GetArrayLength() > 0
            ? Text(list[0], "name")
            : null;

    private static JsonElement Child(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var child) && child.ValueKind == JsonValueKind.Object ? child : default;

    // Kong writes some text as numbers and some numbers as text depending on the version: take either.
    private static string? Text(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String when value.GetString() is { Length: > 0 } text => text,
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    // A missing member, null, or Kong's "not measured" (-1) is no value.
    private static decimal? Number(JsonElement parent, string name, string path)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var number = UsageEventJson.Number(value, $"{path}.{name}");
        return number < 0 ? null : number;
    }

    private static void AddText(Dictionary<string, string> dimensions, string key, JsonElement parent, string name)
    {
        if (Text(parent, name) is { } text)
        {
            dimensions[key] = text;
        }
    }

    private static void AddNumber(Dictionary<string, decimal> measures, string key, JsonElement parent, string name, string path)
    {
        if (Number(parent, name, path) is { } number)
        {
            measures[key] = number;
        }
    }
}
