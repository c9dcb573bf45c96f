using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tariff.Engine.Usage;
using Tariff.Platform.Accounts;
using Tariff.Platform.Catalog;
using Tariff.Platform.Ingest;
using Tariff.Platform.Metering;

namespace Tariff.Benchmarks;

/// <summary>
/// The latency of one entitlement check, in process, against the PostgreSQL of the tests: every call timed on its
/// own, so that the percentiles are of calls (BenchmarkDotNet's are of iteration means). The baseline, measured in
/// the same run on the same pool, is the cheapest possible database answer: <c>SELECT 1</c>.
/// </summary>
public static class EntitlementLatency
{
    private const int Consumers = 200;
    private const int Calls = 20_000;

    public static async Task RunAsync()
    {
        await using var platform = await BenchmarkPlatform.StartAsync("entitlement-bench");
        var services = platform.Services;
        var tenant = await SeedAsync(services);
        var entitlements = services.GetRequiredService<EntitlementService>();
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();

        var random = new Random(5);
        var check = await LatencySamples.MeasureAsync(() => entitlements.CheckAsync(tenant, $"gw-{random.Next(Consumers)}", "calls", 1), Calls, 2_000);
        var select = await LatencySamples.MeasureAsync(async () =>
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync();
        }, Calls, 2_000);
        Console.WriteLine(LatencySamples.Header);
        Console.WriteLine(LatencySamples.Row("`SELECT 1` on the same pool (baseline)", select));
        Console.WriteLine(LatencySamples.Row("`EntitlementService.CheckAsync` (hard quota, counters in PostgreSQL)", check));
    }

    private static async Task<Guid> SeedAsync(ServiceProvider services)
    {
        Guid tenant;
        await using (var scope = services.CreateAsyncScope())
        {
            tenant = (await scope.ServiceProvider.GetRequiredService<AccountService>().CreateTenantAsync("bench", "Bench")).Id;
        }

        var plans = services.GetRequiredService<PlanService>();
        var (plan, _) = await plans.CreateAsync(tenant, "pro", "Pro", null, """
            meter calls {
                count
            }

            plan pro {
                currency USD
                charge calls { per unit 0.001 }
                quota calls 1000000 hard
            }
            """, "bench");
        await plans.PublishAsync(tenant, plan.Id, "bench", "typed", "bench");
        var now = TimeProvider.System.GetUtcNow();
        var monthStart = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        for (var c = 0; c < Consumers; c++)
        {
            var consumer = await services.GetRequiredService<ConsumerService>().CreateAsync(tenant, $"c{c}", $"Consumer {c}", null, [$"gw-{c}"]);
            await services.GetRequiredService<SubscriptionService>().CreateAsync(tenant, consumer.Id, plan.Id, null, monthStart, null, "UTC");
        }

        // Usage for every consumer, through ingest, so the counters exist as they would in production.
        var ingest = services.GetRequiredService<IngestService>();
        for (var batch = 0; batch < 20; batch++)
        {
            var events = Enumerable.Range(0, 1000).Select(i => new UsageEvent($"b{batch}-{i}", now.AddMinutes(-1), $"gw-{i % Consumers}", "bench"));
            await ingest.IngestAsync(tenant, [.. events.Select((e, i) => DecodedEvent.Read(i, e))]);
        }

        return tenant;
    }
}
