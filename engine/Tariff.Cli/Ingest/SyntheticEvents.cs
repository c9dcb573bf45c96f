using System.Buffers;
using System.Text.Json;

namespace Tariff.Cli.Ingest;

/// <summary>
/// Realistic API calls for the load generator: a skewed spread of consumers (a few busy, many quiet), a handful of
/// routes and methods, mostly successful statuses, latencies and sizes, token counts and two dimensions. A share of
/// each batch re-sends recent events, which the server must report as duplicates.
/// </summary>
internal sealed class SyntheticEvents(string run, int consumers, double duplicateShare, int seed)
{
    private static readonly string[] Routes = ["/v1/search", "/v1/items/{id}", "/v1/orders", "/v1/completions", "/v1/embeddings"];
    private static readonly string[] Methods = ["GET", "GET", "GET", "POST", "PUT", "DELETE"];
    private static readonly string[] Regions = ["eu", "us", "ap"];
    private static readonly string[] Models = ["small", "medium", "large"];
    private static readonly int[] Statuses = [200, 200, 200, 200, 200, 200, 201, 204, 400, 404, 429, 500];

    private readonly Random random = new(seed);
    private readonly byte[][] recent = new byte[4096][];
    private readonly ArrayBufferWriter<byte> buffer = new(512 * 1024);
    private Utf8JsonWriter? writer;
    private long next;
    private int recentCount;

    /// <summary>The UTF-8 body of one batch of <paramref name="size"/> canonical events, as a JSON array.</summary>
    public byte[] Batch(int size, DateTimeOffset now)
    {
        var json = writer ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });
        buffer.ResetWrittenCount();
        json.Reset(buffer);
        json.WriteStartArray();
        for (var i = 0; i < size; i++)
        {
            if (recentCount > 0 && random.NextDouble() < duplicateShare)
            {
                json.WriteRawValue(recent[random.Next(Math.Min(recentCount, recent.Length))], skipInputValidation: true);
            }
            else
            {
                // The event's own bytes are kept for re-sending: flush, write, flush, and copy what was added.
                json.Flush();
                var start = buffer.WrittenCount + (i > 0 ? 1 : 0);
                WriteNewEvent(json, now);
                json.Flush();
                recent[recentCount++ % recent.Length] = buffer.WrittenSpan[start..].ToArray();
            }
        }

        json.WriteEndArray();
        json.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private void WriteNewEvent(Utf8JsonWriter json, DateTimeOffset now)
    {
        var route = Routes[random.Next(Routes.Length)];
        json.WriteStartObject();
        json.WriteString("id", $"{run}-{next++:D10}");
        json.WriteString("timestamp", now.AddMilliseconds(-random.Next(5_000)));
        json.WriteString("consumer", $"consumer-{(int)(consumers * Math.Pow(random.NextDouble(), 2)):D4}");
        json.WriteString("source", "loadgen");
        json.WriteString("product", "api");
        json.WriteString("route", route);
        json.WriteString("path", route.Replace("{id}", $"{random.Next(10_000)}", StringComparison.Ordinal));
        json.WriteString("method", Methods[random.Next(Methods.Length)]);
        json.WriteNumber("status", Statuses[random.Next(Statuses.Length)]);
        json.WriteNumber("latency_ms", random.Next(2, 900));
        json.WriteNumber("request_bytes", random.Next(200, 4_000));
        json.WriteNumber("response_bytes", random.Next(500, 200_000));
        json.WriteStartObject("measures");
        json.WriteNumber("tokens", random.Next(1, 8_000));
        json.WriteEndObject();
        json.WriteStartObject("dimensions");
        json.WriteString("region", Regions[random.Next(Regions.Length)]);
        json.WriteString("model", Models[random.Next(Models.Length)]);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
