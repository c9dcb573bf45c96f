using Tariff.Engine.Usage;

namespace Tariff.Platform.Ingest;

/// <summary>One event read from a request: the canonical event, or why it could not be read (with its id if it had one).</summary>
public sealed record DecodedEvent(int Index, UsageEvent? Event, string? Id, EventError? Error)
{
    public static DecodedEvent Read(int index, UsageEvent usage) => new(index, usage, usage.Id, null);

    public static DecodedEvent Refused(int index, string? id, EventError error) => new(index, null, id, error);
}
