namespace Tariff.Platform.Ingest;

/// <summary>
/// Turns a request body in one format (canonical JSON, NDJSON, CloudEvents, a gateway's log format) into canonical
/// events. Connector authors add gateways by implementing this: one event failing to decode is a per-event error,
/// only a body that cannot be read at all throws <see cref="IngestFormatException"/>.
/// </summary>
public interface IUsageDecoder
{
    /// <summary>A short name for reports and for <c>tariff replay --format</c> (e.g. <c>kong</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Decodes a whole body; every element of the batch gets one entry, in order. <paramref name="receivedAt"/> is
    /// the time of an event whose format lets it leave its time out (CloudEvents' <c>time</c> is optional).
    /// </summary>
    IReadOnlyList<DecodedEvent> Decode(ReadOnlyMemory<byte> body, DateTimeOffset receivedAt);
}
