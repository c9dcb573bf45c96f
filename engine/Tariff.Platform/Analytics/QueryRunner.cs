using Tariff.Engine.Evaluation;
using Tariff.Platform.Billing;
using Tariff.Platform.Catalog;

namespace Tariff.Platform.Analytics;

/// <summary>
/// Runs a checked query against the usage store: each consumer's events (every identity mapped to it, read as billing
/// reads them) measured by the query's meters, one consumer at a time so that memory holds one consumer's range.
/// Identities nobody has mapped yet belong to no consumer and are not shown; the usage explorer lists them.
/// </summary>
public sealed class QueryRunner(ConsumerMeterReader reader, TimeProvider clock)
{
    /// <summary>Runs <paramref name="document"/> over the tenant's consumers (<paramref name="all"/>), its range resolved against the clock.</summary>
    public async Task<QueryResult> RunAsync(Guid tenantId, QueryDocument document, IReadOnlyList<Consumer> all, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(all);
        var query = document.Query;
        var range = query.Range.Resolve(clock.GetUtcNow());
        var chosen = all
            .Where(c => query.Consumers.Count == 0 || query.Consumers.Contains(c.Code))
            .OrderBy(c => c.Code, StringComparer.Ordinal);
        var rows = new List<QueryRow>();
        foreach (var consumer in chosen)
        {
            var events = await reader.EventsAsync(tenantId, consumer, range, cancellationToken);
            rows.AddRange(QueryEvaluator.Evaluate(query, range, events).Select(c => new QueryRow(consumer.Code, c.Step, c.Meter, c.Group, c.Quantity)));
        }

        return new QueryResult(query.Name, range, query.Step, [.. query.Meters.Select(m => new QueryMeter(m.Name, m.Unit ?? string.Empty))], rows);
    }
}
