using Tariff.Engine.Evaluation;
using Tariff.Engine.Usage;

namespace Tariff.Platform.Usage;

/// <summary>
/// Where usage events live. Every implementation passes the same contract tests against a real server: an event is
/// stored once per tenant, source and id, whatever is sent again, in any order, at the same time.
/// </summary>
public interface IUsageStore
{
    /// <summary>
    /// Stores the events that are new for the tenant and reports, in order, what happened to each. When this returns,
    /// every accepted event is durably committed. The events must not repeat a source and id among themselves.
    /// </summary>
    Task<IReadOnlyList<AppendStatus>> AppendAsync(Guid tenantId, IReadOnlyList<IncomingEvent> events, DateTimeOffset receivedAt,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// One consumer's events in the period, each once, in time order (then source and id): what billing and the
    /// meter API rate with the compiled plan, so that every store gives the very same meter values.
    /// </summary>
    Task<IReadOnlyList<UsageEvent>> ReadAsync(Guid tenantId, string consumer, UsagePeriod period,
        CancellationToken cancellationToken = default);

    /// <summary>The tenant's events and measure totals per consumer (and dimension value) in a time range.</summary>
    Task<IReadOnlyList<UsageSummaryRow>> SummarizeAsync(Guid tenantId, UsageSummaryQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// The tenant's events and measure totals step by step over a time range, one point per step (empty steps as
    /// zeros): what the dashboard and the usage explorer chart. The query holds at most <see cref="UsageTimelineQuery.MaxPoints"/> steps.
    /// </summary>
    Task<IReadOnlyList<UsageTimelinePoint>> TimelineAsync(Guid tenantId, UsageTimelineQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every gateway identity (the events' <c>consumer</c>) with events in <paramref name="period"/>, with how many and
    /// the first and last instant, so that identities nobody has mapped to a consumer yet can be found and mapped.
    /// </summary>
    Task<IReadOnlyList<UsageIdentity>> IdentitiesAsync(Guid tenantId, UsagePeriod period, CancellationToken cancellationToken = default);

    /// <summary>Forgets the idempotency keys received before <paramref name="before"/>; returns how many.</summary>
    Task<long> ForgetKeysAsync(DateTimeOffset before, CancellationToken cancellationToken = default);
}
