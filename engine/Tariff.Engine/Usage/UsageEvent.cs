namespace Tariff.Engine.Usage;

/// <summary>
/// The canonical usage event: one API call (or one report of a gauge) as every gateway connector, the ingest API,
/// the stores and the engine see it. Documented in docs/usage-events.md.
/// </summary>
/// <param name="Id">The idempotency key, unique per tenant and source.</param>
/// <param name="Timestamp">When the usage happened.</param>
/// <param name="Consumer">The consumer as the gateway identifies it (consumer id, API key id, application).</param>
/// <param name="Source">Where the event came from (a gateway connector's name); part of the idempotency key.</param>
/// <param name="Product">The product or API called.</param>
/// <param name="Route">The route template (<c>/v1/items/{id}</c>).</param>
/// <param name="Path">The concrete path called (<c>/v1/items/42</c>).</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Status">The HTTP status returned.</param>
/// <param name="LatencyMs">The time the call took, in milliseconds.</param>
/// <param name="RequestBytes">The request's size.</param>
/// <param name="ResponseBytes">The response's size.</param>
/// <param name="Measures">Named numeric measures (tokens, rows, seats).</param>
/// <param name="Dimensions">Named string dimensions (region, model, tier).</param>
public sealed record UsageEvent(
    string Id,
    DateTimeOffset Timestamp,
    string Consumer,
    string? Source = null,
    string? Product = null,
    string? Route = null,
    string? Path = null,
    string? Method = null,
    int? Status = null,
    decimal? LatencyMs = null,
    decimal? RequestBytes = null,
    decimal? ResponseBytes = null,
    IReadOnlyDictionary<string, decimal>? Measures = null,
    IReadOnlyDictionary<string, string>? Dimensions = null);
