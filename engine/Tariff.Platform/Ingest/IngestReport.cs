namespace Tariff.Platform.Ingest;

/// <summary>The answer to an ingest request: counts, and each event's outcome in request order.</summary>
public sealed record IngestReport(int Accepted, int Duplicates, int Rejected, IReadOnlyList<EventOutcome> Events)
{
    public static IngestReport Of(IReadOnlyList<EventOutcome> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return new IngestReport(
            events.Count(e => e.Status == EventOutcome.Accepted),
            events.Count(e => e.Status == EventOutcome.Duplicate),
            events.Count(e => e.Status == EventOutcome.Rejected),
            events);
    }
}
