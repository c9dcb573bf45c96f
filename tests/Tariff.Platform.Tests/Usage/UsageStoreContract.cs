using Microsoft.Extensions.DependencyInjection;
using Tariff.Engine.Usage;
using Tariff.Platform.Accounts;
using Tariff.Platform.Database;
using Tariff.Platform.Usage;
using Tariff.Testing;

namespace Tariff.Platform.Tests.Usage;

/// <summary>
/// The usage store contract, which every store passes on its real server: each event stored once, whatever is sent
/// again and however, and the same summaries.
/// </summary>
public abstract class UsageStoreContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset Received = PlatformServices.Epoch;
    private ServiceProvider services = null!;
    private IUsageStore store = null!;
    private Guid tenant;
    private Guid otherTenant;

    protected PostgresTestDatabase Database { get; private set; } = null!;

    /// <summary>Settings that select the store under test.</summary>
    protected abstract Dictionary<string, string?> StoreSettings { get; }

    /// <summary>How many event rows the store's server holds, duplicates included, were there any.</summary>
    protected abstract Task<long> StoredRowsAsync();

    /// <summary>How many distinct events (tenant, source, id) the store's server holds.</summary>
    protected abstract Task<long> StoredEventsAsync();

    public async Task InitializeAsync()
    {
        Database = await PostgresTestDatabase.CreateAsync("usage");
        services = PlatformServices.Create(Database.ConnectionString, StoreSettings);
        await services.GetRequiredService<MigrationRunner>().ApplyAsync(MigrationCatalog.Load());
        await using var scope = services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        tenant = (await accounts.CreateTenantAsync("acme", "Acme")).Id;
        otherTenant = (await accounts.CreateTenantAsync("globex", "Globex")).Id;
        store = services.GetRequiredService<IUsageStore>();
    }

    public virtual async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await Database.DisposeAsync();
    }

    [Fact]
    public async Task Append_NewThenSameAgain_AcceptsOnceAndReportsTheResendAsDuplicate()
    {
        var events = Events(5, "kong");

        var first = await store.AppendAsync(tenant, events, Received);
        var second = await store.AppendAsync(tenant, events, Received);

        Assert.All(first, status => Assert.Equal(AppendStatus.Accepted, status));
        Assert.All(second, status => Assert.Equal(AppendStatus.Duplicate, status));
        Assert.Equal(5L, await StoredRowsAsync());
    }

    [Fact]
    public async Task Append_SameIdFromAnotherSourceOrTenant_IsAnotherEvent()
    {
        var statuses = new List<AppendStatus>();
        statuses.AddRange(await store.AppendAsync(tenant, Events(1, "kong"), Received));
        statuses.AddRange(await store.AppendAsync(tenant, Events(1, "tyk"), Received));
        statuses.AddRange(await store.AppendAsync(otherTenant, Events(1, "kong"), Received));

        Assert.All(statuses, status => Assert.Equal(AppendStatus.Accepted, status));
        Assert.Equal(3L, await StoredRowsAsync());
    }

    [Fact]
    public async Task Append_SameIdWithAnotherTimestamp_IsStillADuplicate()
    {
        var original = Events(1, "kong")[0];
        var moved = original with { Event = original.Event with { Timestamp = original.Event.Timestamp.AddMonths(-2) } };

        await store.AppendAsync(tenant, [original], Received);
        var again = await store.AppendAsync(tenant, [moved], Received);

        Assert.Equal([AppendStatus.Duplicate], again);
        Assert.Equal(1L, await StoredRowsAsync());
    }

    [Fact]
    public async Task Append_EveryBatchTwiceInRandomOrderConcurrently_StoresEachEventExactlyOnce()
    {
        var batches = Enumerable.Range(0, 8).Select(b => Events(250, "kong", offset: b * 250)).ToList();
        var random = new Random(5);
        var sends = batches.Concat(batches).OrderBy(_ => random.Next()).ToList();

        var results = await Task.WhenAll(sends.Select(batch => Task.Run(() => store.AppendAsync(tenant, batch, Received))));

        Assert.Equal(2_000, results.Sum(r => r.Count(s => s == AppendStatus.Accepted)));
        Assert.Equal(2_000, results.Sum(r => r.Count(s => s == AppendStatus.Duplicate)));
        Assert.Equal(2_000L, await StoredRowsAsync());
        Assert.Equal(2_000L, await StoredEventsAsync());
    }

    [Fact]
    public async Task Summarize_CountsEachEventOnceAndSumsMeasuresPerConsumerAndDimension()
    {
        var events = Events(6, "kong");
        await store.AppendAsync(tenant, events, Received);
        await store.AppendAsync(tenant, events, Received);
        await store.AppendAsync(otherTenant, Events(4, "kong"), Received);

        var october = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);
        var rows = await store.SummarizeAsync(tenant, new UsageSummaryQuery(october, october.AddMonths(1), GroupBy: "region"));

        // Events alternate between two consumers and cycle through three regions; tokens are 10, 20, 30, ...
        Assert.Equal(
            ["acme ap 1 30", "acme eu 1 10", "acme us 1 50", "globex ap 1 60", "globex eu 1 40", "globex us 1 20"],
            rows.Select(r => $"{r.Consumer} {r.Group} {r.Events} {r.Measures.GetValueOrDefault("tokens")}").Order(StringComparer.Ordinal));
        Assert.Equal(6, rows.Sum(r => r.Events));
    }

    [Fact]
    public async Task Summarize_AnotherTenantsEvents_AreNeverSeen()
    {
        await store.AppendAsync(otherTenant, Events(4, "kong"), Received);

        Assert.Empty(await store.SummarizeAsync(tenant, new UsageSummaryQuery(Received.AddYears(-1), Received.AddYears(1))));
    }

    [Fact]
    public async Task ForgetKeys_AfterTheWindow_LetsTheIdBeAcceptedAgain()
    {
        await store.AppendAsync(tenant, Events(2, "kong"), Received);

        var forgotten = await store.ForgetKeysAsync(Received.AddSeconds(1));

        Assert.Equal(2, forgotten);
        Assert.All(await store.AppendAsync(tenant, Events(2, "kong"), Received.AddDays(40)), s => Assert.Equal(AppendStatus.Accepted, s));
    }

    protected IUsageStore Store => store;

    protected Guid Tenant => tenant;

    // Events in October 2026, alternating between consumers acme and globex, regions eu, us, ap, tokens 10, 20, ...
    protected static List<IncomingEvent> Events(int count, string source, int offset = 0) =>
    [
        .. Enumerable.Range(offset, count).Select(i => new IncomingEvent(
            new UsageEvent($"evt-{i:D6}", new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i), i % 2 == 0 ? "acme" : "globex",
                source, Method: "GET", Status: 200,
                Measures: new Dictionary<string, decimal> { ["tokens"] = (i + 1) * 10m },
                Dimensions: new Dictionary<string, string> { ["region"] = (i % 3) switch { 0 => "eu", 1 => "us", _ => "ap" } }),
            Late: false)),
    ];
}
