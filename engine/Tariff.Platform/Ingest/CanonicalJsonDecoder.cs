using System.Text.Json;
using Tariff.Engine.Usage;

namespace Tariff.Platform.Ingest;

/// <summary>A JSON array of canonical events (or one event on its own), as docs/usage-events.md describes.</summary>
public sealed class CanonicalJsonDecoder : IUsageDecoder
{
    public string Name => "canonical";

    public IReadOnlyList<DecodedEvent> Decode(ReadOnlyMemory<byte> body, DateTimeOffset receivedAt) =>
        JsonDecoding.OneOrMany(body, ReadEvent, "The body must be a JSON array of events");

    /// <summary>Reads one canonical event; a malformed one becomes a refusal naming the field.</summary>
    public static DecodedEvent ReadEvent(JsonElement element, int index, string path)
    {
        try
        {
            return DecodedEvent.Read(index, UsageEventJson.Read(element, path));
        }
        catch (UsageFormatException error)
        {
            return DecodedEvent.Refused(index, JsonDecoding.IdOf(element), EventError.FromMessage(error.Message));
        }
    }
}
