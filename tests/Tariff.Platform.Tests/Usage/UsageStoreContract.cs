using Microsoft.Extensions.DependencyInjection;
using Tariff.Engine.Evaluation;
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
    public async Task Identities_CountEachEventOnceWithItsFirstAndLastInstant_AndOnlyTheTenantsOwn()
    {
        var events = Events(6, "kong");
        await store.AppendAsync(tenant, events, Received);
        await store.AppendAsync(tenant, events, Received);
        await store.AppendAsync(otherTenant, Events(2, "kong", offset: 100), Received);

        var identities = await store.IdentitiesAsync(tenant, new UsagePeriod(events[1].Event.Timestamp, events[5].Event.Timestamp.AddMilliseconds(1)));

        var start = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(
            [new UsageIdentity("acme", 2, start.AddMinutes(2), start.AddMinutes(4)), new UsageIdentity("globex", 3, start.AddMinutes(1), start.AddMinutes(5))],
            identities);
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
    public async Task Timeline_CountsEachEventOnceInItsStep_WithEmptyStepsAsZeros()
    {
        // Ten events a minute apart from 00:00, tokens 10, 20, ... 100; steps of four minutes from 23:58 the day before.
        var events = Events(10, "kong");
        await store.AppendAsync(tenant, events, Received);
        await store.AppendAsync(tenant, events, Received);
        await store.AppendAsync(otherTenant, Events(10, "kong"), Received);

        var from = new DateTimeOffset(2026, 9, 30, 23, 58, 0, TimeSpan.Zero);
        var points = await store.TimelineAsync(tenant, new UsageTimelineQuery(from, from.AddMinutes(18), TimeSpan.FromMinutes(4)));

        // Step 0 holds minutes 0-1, step 1 minutes 2-5, step 2 minutes 6-9, steps 3 and 4 nothing (the last is cut to 2 minutes).
        Assert.Equal(
            ["23:58 2 30", "00:02 4 180", "00:06 4 340", "00:10 0 0", "00:14 0 0"],
            points.Select(p => $"{p.Start:HH:mm} {p.Events} {p.Measures.GetValueOrDefault("tokens")}"));

        var acme = await store.TimelineAsync(tenant, new UsageTimelineQuery(from, from.AddMinutes(12), TimeSpan.FromMinutes(4), "acme"));
        Assert.Equal([1L, 2, 2], acme.Select(p => p.Events));
    }

    [Fact]
    public async Task Timeline_TooManySteps_IsRefusedBeforeTheStoreIsAsked()
    {
        var query = new UsageTimelineQuery(Received, Received.AddDays(100), TimeSpan.FromMinutes(1));

        var refused = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.TimelineAsync(tenant, query));
        Assert.Contains("144000 steps are too many", refused.Message, StringComparison.Ordinal);
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

    [Fact]
    public async Task Read_RandomEventsSentTwice_GiveTheCompiledMetersTheSameValuesAsTheOriginalEvents()
    {
        var plan = Tariff.Engine.Binding.Binder.Check(MeterDocument).Document!.Plans[0];
        var engine = Tariff.Engine.Compilation.CompiledRatingEngine.Compile(plan);
        var random = new Random(17);
        for (var round = 0; round < 10; round++)
        {
            var consumer = $"prop-{round}";
            var originals = RandomEvents(random, consumer, round, 200);
            var shuffled = originals.OrderBy(_ => random.Next()).ToList();
            await store.AppendAsync(tenant, [.. shuffled.Take(120).Select(e => new IncomingEvent(e, Late: false))], Received);
            await store.AppendAsync(tenant, [.. shuffled.Select(e => new IncomingEvent(e, Late: false))], Received);

            var read = await store.ReadAsync(tenant, consumer, PropertyPeriod);

            // The store gives events in time order (then source and id); the originals are rated in that order too.
            var expected = originals.OrderBy(e => e.Timestamp).ThenBy(e => e.Source, StringComparer.Ordinal).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
            Assert.Equal(expected.Count(e => PropertyPeriod.Contains(e.Timestamp)), read.Count);
            for (var charge = 0; charge < plan.Charges.Count; charge++)
            {
                var fromStore = engine.EvaluateMeter(charge, read, PropertyPeriod);
                var fromMemory = engine.EvaluateMeter(charge, expected, PropertyPeriod);
                Assert.True(fromStore.SameAs(fromMemory), $"round {round}, meter {plan.Charges[charge].Meter.Name}: store {Describe(fromStore)}, memory {Describe(fromMemory)}");
            }
        }
    }

    protected IUsageStore Store => store;

    protected Guid Tenant => tenant;

    private static readonly Tariff.Engine.Evaluation.UsagePeriod PropertyPeriod =
        new(new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero));

    // Every aggregation, filters of every kind, grouping and unit conversion.
    private const string MeterDocument = """
        meter calls { count where method in ["GET", "POST"] and status between 200 and 499 }
        meter tokens { sum measures.tokens group by dimensions.region }
        meter peak { max latency_ms }
        meter smallest { min request_bytes where route starts with "/v1/" }
        meter users { unique dimensions.user }
        meter seats { latest measures.seats }
        meter storage { time_weighted measures.gb }
        meter egress { sum response_bytes divide by 1000 round up to 2 places group by dimensions.region, method }
        plan p {
            currency USD
            charge calls { per unit 1 }
            charge tokens { per unit 1 }
            charge peak { per unit 1 }
            charge smallest { per unit 1 }
            charge users { per unit 1 }
            charge seats { per unit 1 }
            charge storage { per unit 1 }
            charge egress { per unit 1 }
        }
        """;

    // Events around September 2026 (some just outside it, some at the same millisecond), with every field sometimes
    // missing. Decimals carry no trailing zeros: ClickHouse keeps a value, not the scale it was written with.
    private static List<UsageEvent> RandomEvents(Random random, string consumer, int round, int count)
    {
        string? Maybe(params string[] values) => random.Next(5) == 0 ? null : values[random.Next(values.Length)];
        decimal? Amount(int max, int decimals) => random.Next(4) == 0 ? null : Normalized(random.Next(max) / (decimal)Math.Pow(10, random.Next(decimals + 1)));
        var start = PropertyPeriod.Start.AddMinutes(-30);
        return
        [
            .. Enumerable.Range(0, count).Select(i =>
            {
                var measures = new Dictionary<string, decimal>();
                if (Amount(50_000, 3) is { } tokens) { measures["tokens"] = tokens; }
                if (Amount(40, 0) is { } seats) { measures["seats"] = seats; }
                if (Amount(9_000, 6) is { } gb) { measures["gb"] = gb; }
                var dimensions = new Dictionary<string, string>();
                if (Maybe("eu", "us", "ap") is { } region) { dimensions["region"] = region; }
                if (Maybe("ana", "bo", "cy", "dee") is { } user) { dimensions["user"] = user; }
                return new UsageEvent(
                    $"p{round}-{i}", start.AddMilliseconds(random.Next(31 * 24 * 3600) * 1000L + random.Next(3) * 250),
                    consumer, Maybe("kong", "tyk"), Maybe("search", "maps"), Maybe("/v1/items/{id}", "/v2/orders", "/v1/search"), null,
                    Maybe("GET", "POST", "PUT"), random.Next(5) == 0 ? null : random.Next(1, 6) * 100 + random.Next(3),
                    Amount(2_000, 2), Amount(10_000, 0), Amount(1_000_000, 0),
                    measures.Count == 0 ? null : measures, dimensions.Count == 0 ? null : dimensions);
            }),
        ];
    }

    private static decimal Normalized(decimal value) =>
        decimal.Parse(value.ToString("G29", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);

    private static string Describe(Tariff.Engine.Evaluation.MeterResult result) =>
        string.Join("; ", result.Groups.Select(g => $"[{g.Key}] {g.Quantity}"));

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
