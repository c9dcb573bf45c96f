namespace Tariff.Platform.Ingest;

/// <summary>One minute of a tenant's ingest: events accepted, resent, refused, and late (older than the deduplication window).</summary>
public sealed record IngestMinute(DateTimeOffset Minute, long Accepted, long Duplicates, long Rejected, long Late);
