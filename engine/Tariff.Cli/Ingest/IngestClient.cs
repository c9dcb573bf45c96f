using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Tariff.Cli.Ingest;

/// <summary>Posts batches to a Tariff server's ingest API, waits out 429s as Retry-After says, and reads the per-event report.</summary>
internal sealed class IngestClient(HttpClient http, TimeProvider clock) : IDisposable
{
    /// <summary>How often one batch is sent again after 429 before giving up.</summary>
    public const int MaxRetries = 20;

    public static IngestClient Create(Uri server, string key, int connections, TimeProvider clock)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        var http = new HttpClient(handler) { BaseAddress = server, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return new IngestClient(http, clock);
    }

    /// <summary>Sends one batch; the answer has the counts and the time from sending to acknowledgement.</summary>
    public async Task<BatchResult> SendAsync(string path, string contentType, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var throttled = 0;
        while (true)
        {
            var started = clock.GetTimestamp();
            using var content = new ReadOnlyMemoryContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue(contentType) { CharSet = "utf-8" };
            using var response = await http.PostAsync(path, content, cancellationToken);
            var latency = clock.GetElapsedTime(started);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && throttled < MaxRetries)
            {
                throttled++;
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), clock, cancellationToken);
                continue;
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.UnprocessableEntity))
            {
                return new BatchResult(0, 0, 0, throttled, latency, $"{(int)response.StatusCode} {response.ReasonPhrase}: {text}", []);
            }

            using var report = JsonDocument.Parse(text);
            var root = report.RootElement;
            var accepted = root.GetProperty("events").EnumerateArray()
                .Where(e => e.GetProperty("status").GetString() == "accepted")
                .Select(e => e.GetProperty("id").GetString() ?? string.Empty)
                .ToList();
            return new BatchResult(root.GetProperty("accepted").GetInt32(), root.GetProperty("duplicates").GetInt32(),
                root.GetProperty("rejected").GetInt32(), throttled, latency, null, accepted);
        }
    }

    public void Dispose() => http.Dispose();
}

/// <summary>What the server said about one batch.</summary>
/// <param name="Accepted">Events newly stored.</param>
/// <param name="Duplicates">Events the server already had.</param>
/// <param name="Rejected">Events refused (the report says why).</param>
/// <param name="Throttled">How often the batch was sent again after 429.</param>
/// <param name="Latency">From sending (the last time) to the acknowledgement.</param>
/// <param name="Error">Why the batch failed as a whole, if it did.</param>
/// <param name="AcceptedIds">The ids the server acknowledged as newly stored.</param>
internal sealed record BatchResult(int Accepted, int Duplicates, int Rejected, int Throttled, TimeSpan Latency, string? Error,
    IReadOnlyList<string> AcceptedIds);
