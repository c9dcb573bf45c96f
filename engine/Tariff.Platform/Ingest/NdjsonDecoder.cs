using System.Text.Json;

namespace Tariff.Platform.Ingest;

/// <summary>Newline-delimited JSON: one canonical event per line; blank lines are skipped, a bad line refuses only itself.</summary>
public sealed class NdjsonDecoder : IUsageDecoder
{
    public string Name => "ndjson";

    public IReadOnlyList<DecodedEvent> Decode(ReadOnlyMemory<byte> body, DateTimeOffset receivedAt)
    {
        var events = new List<DecodedEvent>();
        var rest = body;
        var line = 0;
        while (!rest.IsEmpty)
        {
            line++;
            var end = rest.Span.IndexOf((byte)'\n');
            var text = end < 0 ? rest : rest[..end];
            rest = end < 0 ? ReadOnlyMemory<byte>.Empty : rest[(end + 1)..];
            if (text.Span.Trim(" \t\r"u8).IsEmpty)
            {
                continue;
            }

            var path = $"line {line}";
            try
            {
                using var document = JsonDocument.Parse(text, JsonDecoding.Options);
                events.Add(CanonicalJsonDecoder.ReadEvent(document.RootElement, events.Count, path));
            }
            catch (JsonException error)
            {
                events.Add(DecodedEvent.Refused(events.Count, null, new EventError(path, $"not valid JSON: {JsonDecoding.Describe(error)}")));
            }
        }

        return events;
    }
}
