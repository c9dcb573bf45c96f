using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tariff.Engine.Evaluation;
using Tariff.Engine.Usage;
using Tariff.Platform.Catalog;
using Tariff.Platform.Metering;
using Tariff.Platform.Tests.Billing;
using Tariff.Platform.Usage;
using static Tariff.Platform.Tests.Billing.BillingWorld;

namespace Tariff.Platform.Tests.Metering;

public sealed class UsageCounterTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = At(2027, 3, 1);
    private BillingWorld world = null!;
    private Consumer consumer = null!;
    private Subscription subscription = null!;

    public async Task InitializeAsync()
    {
        world = await BillingWorld.CreateAsync("counters");
        var plan = await world.PublishPlanAsync("pro", MeteringWorld.Plan);
        world.Clock.MoveTo(Start);
        (consumer, subscription) = await world.SubscribeAsync("initech", plan, Start);
        world.Clock.MoveTo(At(2027, 3, 20));
    }

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task Counters_EveryKindOfMeterSentInBatchesWithResends_EqualBillingsMeasureOfTheStoredEvents()
    {
        var random = new Random(20270301);
        var events = Enumerable.Range(0, 600).Select(i => RandomEvent(random, i)).ToList();
        for (var batch = 0; batch < 6; batch++)
        {
            // Each batch resends part of the previous one: duplicates must not count.
            var from = Math.Max(0, (batch * 100) - 30);
            await world.SendAsync(events[from..((batch + 1) * 100)]);
        }

        await world.Services.GetRequiredService<MeteringWorker>().RunOnceAsync();

        var counted = await world.CountedAsync(consumer);
        var billed = await world.BilledMetersAsync(consumer, subscription, counted.Period.Covered);
        AssertSame(billed, counted.Meters);
        Assert.Equal(8, counted.Meters.Count);
        Assert.True(counted.Total("calls") > 0 && counted.Meters.Single(m => m.Meter == "tokens").Groups.Count == 3, MeteringWorld.Describe(counted.Meters));
    }

    [Fact]
    public async Task Reconcile_CountersCorruptedAndEventsStoredBehindTheirBack_ReportsEachDriftAndRepairsIt()
    {
        var random = new Random(7);
        await world.SendAsync([.. Enumerable.Range(0, 50).Select(i => RandomEvent(random, i))]);
        await world.Services.GetRequiredService<MeteringWorker>().RunOnceAsync();
        var before = await world.CountedAsync(consumer);

        // An instance that died between committing events and counting them: the store has them, the counters do not.
        await world.Services.GetRequiredService<IUsageStore>().AppendAsync(world.Tenant,
            [new IncomingEvent(new UsageEvent("behind-1", At(2027, 3, 10), "gw-initech", "kong", Status: 200, ResponseBytes: 2_500_000_000m), false)],
            world.Clock.GetUtcNow());
        await using (var connection = await NpgsqlDataSource.Create(world.Database.ConnectionString).OpenConnectionAsync())
        {
            await using var corrupt = new NpgsqlCommand("""
                UPDATE usage_counters SET raw = raw + 5 WHERE meter = 'peak_latency';
                DELETE FROM usage_counters WHERE meter = 'users';
                """, connection);
            await corrupt.ExecuteNonQueryAsync();
        }

        var reconciler = world.Services.GetRequiredService<CounterReconciler>();
        var found = await reconciler.ReconcileAsync(world.Tenant);

        Assert.Equal(["calls", "egress_gb", "peak_latency", "users"], found.Drifts.Select(d => d.Meter).Order(StringComparer.Ordinal));
        var calls = found.Drifts.Single(d => d.Meter == "calls");
        Assert.Equal(calls.Counted + 1, calls.Stored);
        var users = found.Drifts.Single(d => d.Meter == "users");
        Assert.Equal((null, before.Total("users")), (users.Counted, users.Stored));
        Assert.Equal(1, found.Periods);

        var after = await world.CountedAsync(consumer);
        AssertSame(await world.BilledMetersAsync(consumer, subscription, after.Period.Covered), after.Meters);
        Assert.Empty((await reconciler.ReconcileAsync(world.Tenant)).Drifts);
    }

    [Fact]
    public async Task Reconcile_RunningWhileFourWritersIngest_NeverCountsAnEventTwiceNorMissesOne()
    {
        var reconciler = world.Services.GetRequiredService<CounterReconciler>();
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            for (var batch = 0; batch < 10; batch++)
            {
                await world.SendAsync([.. Enumerable.Range(0, 40).Select(i => RandomEvent(random, (w * 1000) + (batch * 40) + i))]);
            }
        })).ToList();
        var drifts = new List<CounterDrift>();
        while (!writers.TrueForAll(w => w.IsCompleted))
        {
            drifts.AddRange((await reconciler.ReconcileAsync(world.Tenant)).Drifts.Where(d => d.Meter is not ("users" or "seats" or "storage")));
        }

        await Task.WhenAll(writers);
        await world.Services.GetRequiredService<MeteringWorker>().RunOnceAsync();

        // Mergeable meters are counted at ingest under the shared lock: a reconciliation never sees them behind.
        Assert.Empty(drifts);
        Assert.Empty((await reconciler.ReconcileAsync(world.Tenant)).Drifts);
        var counted = await world.CountedAsync(consumer);
        Assert.Equal(1600m, counted.Meters.Single(m => m.Meter == "calls").Total + await FailedCallsAsync());
    }

    [Fact]
    public async Task Count_EventsOfAnUnmappedIdentity_AreCountedByReconciliationOnceMapped()
    {
        await world.SendAsync([new UsageEvent("early-1", At(2027, 3, 5), "gw-initech-eu", "kong", Status: 200)]);
        Assert.Equal(0m, (await world.CountedAsync(consumer)).Total("calls"));

        await world.Services.GetRequiredService<ConsumerService>().AddIdentitiesAsync(world.Tenant, consumer.Id, ["gw-initech-eu"]);
        var found = await world.Services.GetRequiredService<CounterReconciler>().ReconcileAsync(world.Tenant);

        Assert.Contains(found.Drifts, d => d is { Meter: "calls", Counted: null, Stored: 1m });
        Assert.Equal(1m, (await world.CountedAsync(consumer)).Total("calls"));
    }

    private async Task<decimal> FailedCallsAsync()
    {
        var events = await world.Services.GetRequiredService<Tariff.Platform.Billing.ConsumerMeterReader>().EventsAsync(world.Tenant, consumer, new UsagePeriod(At(2027, 3, 1), At(2027, 4, 1)));
        return events.Count(e => e.Status >= 500);
    }

    private static UsageEvent RandomEvent(Random random, int i) => new(
        $"ev-{i}", At(2027, 3, 1) + TimeSpan.FromMinutes(random.Next(0, 19 * 24 * 60)), "gw-initech", "kong",
        Status: random.Next(10) == 0 ? 503 : 200,
        LatencyMs: random.Next(1, 2000),
        ResponseBytes: random.Next(0, 300_000_000),
        Measures: new Dictionary<string, decimal> { ["tokens"] = random.Next(0, 5000), ["seats"] = random.Next(1, 40), ["gb"] = random.Next(0, 100) / 4m },
        Dimensions: new Dictionary<string, string> { ["model"] = $"m{random.Next(3)}", ["user"] = $"u{random.Next(25)}" });

    private static void AssertSame(IReadOnlyList<MeterResult> expected, IReadOnlyList<MeterResult> actual)
    {
        var same = expected.Count == actual.Count && expected.Zip(actual).All(p => p.First.Meter == p.Second.Meter
            && p.First.Groups.Count == p.Second.Groups.Count
            && p.First.Groups.Zip(p.Second.Groups).All(g => g.First.Key == g.Second.Key && g.First.Quantity == g.Second.Quantity));
        Assert.True(same, $"billing: {MeteringWorld.Describe(expected)}\ncounters: {MeteringWorld.Describe(actual)}");
    }
}
