using System.Globalization;
using Tariff.Platform.Usage;
using Tariff.Platform.Usage.ClickHouse;
using Tariff.Testing;

namespace Tariff.Platform.Tests.Usage;

/// <summary>The same contract on the real ClickHouse (Debian's 18.16 server), in a database of its own.</summary>
public sealed class ClickHouseUsageStoreTests : UsageStoreContract, IDisposable
{
    private readonly string database = $"tariff_test_{Guid.NewGuid():N}";
    private readonly ClickHouseClient client = new(new HttpClient { BaseAddress = TestEnvironment.ClickHouseUrl });

    protected override Dictionary<string, string?> StoreSettings => new()
    {
        ["Tariff:Usage:Store"] = "clickhouse",
        ["Tariff:Usage:ClickHouseDatabase"] = database,
        ["ConnectionStrings:ClickHouse"] = TestEnvironment.ClickHouseUrl.ToString(),
    };

    [Fact]
    public async Task Summarize_RowsInsertedTwiceBeforeAnyMerge_CountOnce()
    {
        // What a commit failing after the ClickHouse insert leaves behind, once the sender has sent again.
        await Store.AppendAsync(Tenant, Events(6, "kong"), Received);
        await client.ExecuteAsync($"INSERT INTO {database}.usage_events SELECT * FROM {database}.usage_events");
        var october = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

        var rows = await Store.SummarizeAsync(Tenant, new UsageSummaryQuery(october, october.AddMonths(1)));

        Assert.Equal(12L, await StoredRowsAsync());
        Assert.Equal(6L, rows.Sum(r => r.Events));
        Assert.Equal(210m, rows.Sum(r => r.Measures["tokens"]));
    }

    public override async Task DisposeAsync()
    {
        await client.ExecuteAsync($"DROP DATABASE IF EXISTS {database}");
        await base.DisposeAsync();
    }

    public void Dispose() => client.Dispose();

    // Rows as stored, before ReplacingMergeTree folds any: the store must not rely on merges to count once.
    protected override async Task<long> StoredRowsAsync() => await CountAsync($"SELECT count() AS n FROM {database}.usage_events");

    protected override async Task<long> StoredEventsAsync() =>
        await CountAsync($"SELECT count() AS n FROM (SELECT DISTINCT tenant_id, source, event_id FROM {database}.usage_events)");

    private async Task<long> CountAsync(string query)
    {
        var row = (await client.QueryAsync(query + " FORMAT JSONEachRow")).Single();
        var n = row.GetProperty("n");
        return n.ValueKind == System.Text.Json.JsonValueKind.String ? long.Parse(n.GetString()!, CultureInfo.InvariantCulture) : n.GetInt64();
    }
}
