namespace Tariff.Platform.Ingest;

/// <summary>Newline-delimited JSON: one canonical event per line; blank lines are skipped, a bad line refuses only itself.</summary>
public sealed class NdjsonDecoder : IUsageDecoder
{
    public string Name => "ndjson";

    public IReadOnlyList<DecodedEvent> Decode(ReadOnlyMemory<byte> body, DateTimeOffset receivedAt) =>
        JsonDecoding.Lines(body, CanonicalJsonDecoder.ReadEvent);
}
