namespace Tariff.Platform.Ingest;

/// <summary>The ingest API's limits and windows (configuration section <c>Tariff:Ingest</c>).</summary>
public sealed class IngestOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Tariff:Ingest";

    /// <summary>The most events one request may carry; more gets 413.</summary>
    public int MaxEventsPerBatch { get; set; } = 10_000;

    /// <summary>The largest request body in bytes; larger gets 413.</summary>
    public int MaxRequestBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>How long an event's id is remembered to refuse it as a duplicate; older events are flagged late.</summary>
    public TimeSpan DeduplicationWindow { get; set; } = TimeSpan.FromDays(35);

    /// <summary>How far ahead of the server's clock a timestamp may be (gateways' clocks drift a little, not a lot).</summary>
    public TimeSpan FutureTolerance { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How old an event may be at all; older is refused as a broken clock (a zero Unix time) rather than billed.
    /// Old but plausible events, such as a gateway's log replayed years later, are accepted and flagged late.
    /// </summary>
    public TimeSpan MaximumAge { get; set; } = TimeSpan.FromDays(25 * 366);

    /// <summary>Batches written to the store at once; more wait in line.</summary>
    public int ConcurrentBatches { get; set; } = 4;

    /// <summary>Batches that may wait in line; beyond that a request gets 429 with Retry-After at once.</summary>
    public int QueuedBatches { get; set; } = 32;

    /// <summary>The longest a batch waits in line before it gets 429 rather than a timeout.</summary>
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
