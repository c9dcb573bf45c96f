using Tariff.Engine.Usage;
using Tariff.Platform.Usage;

namespace Tariff.Platform.Tests.Usage;

/// <summary>The contract on PostgreSQL, and what only PostgreSQL does: monthly partitions, the columns read back.</summary>
public sealed class PostgresUsageStoreTests : UsageStoreContract
{
    protected override Dictionary<string, string?> StoreSettings => new() { ["Tariff:Usage:Store"] = "postgres" };

    protected override async Task<long> StoredRowsAsync() =>
        (await Database.QueryColumnAsync<long>("SELECT count(*) FROM usage_events")).Single();

    protected override async Task<long> StoredEventsAsync() =>
        (await Database.QueryColumnAsync<long>("SELECT count(*) FROM (SELECT DISTINCT tenant_id, source, event_id FROM usage_events) e")).Single();

    [Fact]
    public async Task Append_EventsOfSeveralMonths_GoToTheirMonthlyPartitions()
    {
        var events = Events(3, "kong");
        events = [events[0], events[1] with { Event = events[1].Event with { Timestamp = new DateTimeOffset(2025, 12, 31, 23, 59, 59, TimeSpan.Zero) } },
            events[2] with { Event = events[2].Event with { Timestamp = new DateTimeOffset(2026, 3, 1, 0, 30, 0, TimeSpan.FromHours(2)) } }];

        await Store.AppendAsync(Tenant, events, Received);

        var partitions = await Database.QueryColumnAsync<string>(
            "SELECT c.relname::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'usage_events'::regclass ORDER BY 1");
        // 2026-03-01T00:30+02:00 is still February in UTC.
        Assert.Equal(["usage_events_2025_12", "usage_events_2026_02", "usage_events_2026_10"], partitions);
    }

    [Fact]
    public async Task Append_EveryField_ReadsBackExactly()
    {
        var usage = new UsageEvent("e-1", new DateTimeOffset(2026, 10, 5, 10, 0, 0, TimeSpan.Zero), "acme-app", "kong", "search", "/v1/items/{id}",
            "/v1/items/42", "GET", 201, 12.50m, 512m, 20480m,
            new Dictionary<string, decimal> { ["tokens"] = 1200m, ["amount"] = 49.90m },
            new Dictionary<string, string> { ["region"] = "eu", ["model"] = "small \"quoted\" ünïcode" });

        await Store.AppendAsync(Tenant, [new IncomingEvent(usage, Late: true)], Received);

        var row = await Database.QueryColumnAsync<string>("""
            SELECT concat_ws('|', source, event_id, occurred_at AT TIME ZONE 'UTC', consumer, product, route, path, method, status,
                latency_ms, request_bytes, response_bytes, measures ->> 'amount', measures ->> 'tokens', dimensions ->> 'model', late, received_at AT TIME ZONE 'UTC')
            FROM usage_events
            """);
        Assert.Equal(["kong|e-1|2026-10-05 10:00:00|acme-app|search|/v1/items/{id}|/v1/items/42|GET|201|12.50|512|20480|49.90|1200|small \"quoted\" ünïcode|t|2026-11-01 09:00:00"], row);
    }
}
