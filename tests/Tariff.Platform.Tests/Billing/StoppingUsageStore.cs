using Tariff.Engine.Evaluation;
using Tariff.Engine.Usage;
using Tariff.Platform.Usage;

namespace Tariff.Platform.Tests.Billing;

/// <summary>
/// The real store, except that its <paramref name="readsBeforeStop"/>-th read stops everything (cancels
/// <paramref name="stop"/> and fails as the process's end would): a billing run cut off half way.
/// </summary>
internal sealed class StoppingUsageStore(IUsageStore inner, int readsBeforeStop, CancellationTokenSource stop) : IUsageStore
{
    private int reads;

    public Task<IReadOnlyList<AppendStatus>> AppendAsync(Guid tenantId, IReadOnlyList<IncomingEvent> events, DateTimeOffset receivedAt,
        CancellationToken cancellationToken = default) => inner.AppendAsync(tenantId, events, receivedAt, cancellationToken);

    public Task<IReadOnlyList<UsageEvent>> ReadAsync(Guid tenantId, string consumer, UsagePeriod period, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Increment(ref reads) == readsBeforeStop)
        {
            stop.Cancel();
        }

        return inner.ReadAsync(tenantId, consumer, period, stop.Token);
    }

    public Task<IReadOnlyList<UsageSummaryRow>> SummarizeAsync(Guid tenantId, UsageSummaryQuery query, CancellationToken cancellationToken = default) =>
        inner.SummarizeAsync(tenantId, query, cancellationToken);

    public Task<IReadOnlyList<UsageTimelinePoint>> TimelineAsync(Guid tenantId, UsageTimelineQuery query, CancellationToken cancellationToken = default) =>
        inner.TimelineAsync(tenantId, query, cancellationToken);

    public Task<IReadOnlyList<UsageIdentity>> IdentitiesAsync(Guid tenantId, UsagePeriod period, CancellationToken cancellationToken = default) =>
        inner.IdentitiesAsync(tenantId, period, cancellationToken);

    public Task<long> ForgetKeysAsync(DateTimeOffset before, CancellationToken cancellationToken = default) => inner.ForgetKeysAsync(before, cancellationToken);
}
