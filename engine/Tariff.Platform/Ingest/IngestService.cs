using Microsoft.Extensions.Options;
using Tariff.Platform.Usage;

namespace Tariff.Platform.Ingest;

/// <summary>
/// Checks decoded events, refuses the bad ones, and stores the rest in one atomic append: an event reported as
/// accepted is committed, one reported as duplicate changed nothing, and a refusal names its field.
/// </summary>
public sealed class IngestService(IUsageStore store, IOptions<IngestOptions> options, TimeProvider clock)
{
    public async Task<IngestReport> IngestAsync(Guid tenantId, IReadOnlyList<DecodedEvent> decoded, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decoded);
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var outcomes = new EventOutcome[decoded.Count];
        var incoming = new List<IncomingEvent>(decoded.Count);
        var positions = new List<int>(decoded.Count);
        var firstOfKey = new Dictionary<(string Source, string Id), int>();
        for (var i = 0; i < decoded.Count; i++)
        {
            var item = decoded[i];
            if (item.Event is not { } usage)
            {
                outcomes[i] = new EventOutcome(i, item.Id, EventOutcome.Rejected, Error: item.Error);
                continue;
            }

            var late = usage.Timestamp < now - settings.DeduplicationWindow;
            if (EventValidator.Check(usage, i, now, settings) is { } error)
            {
                outcomes[i] = new EventOutcome(i, usage.Id, EventOutcome.Rejected, Error: error);
            }
            else if (!firstOfKey.TryAdd((usage.Source ?? string.Empty, usage.Id), i))
            {
                // The same event twice in one request: the first one counts, like a resend.
                outcomes[i] = new EventOutcome(i, usage.Id, EventOutcome.Duplicate, late);
            }
            else
            {
                incoming.Add(new IncomingEvent(usage, late));
                positions.Add(i);
            }
        }

        var stored = await store.AppendAsync(tenantId, incoming, now, cancellationToken);
        for (var k = 0; k < positions.Count; k++)
        {
            var status = stored[k] == AppendStatus.Accepted ? EventOutcome.Accepted : EventOutcome.Duplicate;
            outcomes[positions[k]] = new EventOutcome(positions[k], incoming[k].Event.Id, status, incoming[k].Late);
        }

        return IngestReport.Of(outcomes);
    }
}
