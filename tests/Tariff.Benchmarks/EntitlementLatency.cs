using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tariff.Engine.Usage;
using Tariff.Platform;
using Tariff.Platform.Accounts;
using Tariff.Platform.Catalog;
using Tariff.Platform.Database;
using Tariff.Platform.Ingest;
using Tariff.Platform.Metering;
using Tariff.Testing;

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
        await using var database = await PostgresTestDatabase.CreateAsync("entitlement-bench");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Tariff"] = database.ConnectionString }).Build();
        var services = new ServiceCollection().AddLogging().AddTariffPlatform(configuration).BuildServiceProvider();
        await using (services)
        {
            await services.GetRequiredService<MigrationRunner>().ApplyAsync(MigrationCatalog.Load());
            var tenant = await SeedAsync(services);
            var entitlements = services.GetRequiredService<EntitlementService>();
            var dataSource = services.GetRequiredService<NpgsqlDataSource>();

            var random = new Random(5);
            var check = await MeasureAsync(() => entitlements.CheckAsync(tenant, $"gw-{random.Next(Consumers)}", "calls", 1));
            var select = await MeasureAsync(async () =>
            {
                await using var command = dataSource.CreateCommand("SELECT 1");
                await command.ExecuteScalarAsync();
            });
            Console.WriteLine("| measurement | calls | p50 | p90 | p99 | max |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|");
            Console.WriteLine(Row("`SELECT 1` on the same pool (baseline)", select));
            Console.WriteLine(Row("`EntitlementService.CheckAsync` (hard quota, counters in PostgreSQL)", check));
        }
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

    private static async Task<double[]> MeasureAsync(Func<Task> call)
    {
        for (var i = 0; i < 2_000; i++)
        {
            await call();
        }

        var samples = new double[Calls];
        for (var i = 0; i < Calls; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await call();
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(samples);
        return samples;
    }

    private static string Row(string name, double[] sorted) => string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {sorted.Length:N0} | {At(sorted, 0.50):0.000} ms | {At(sorted, 0.90):0.000} ms | {At(sorted, 0.99):0.000} ms | {sorted[^1]:0.000} ms |");

    private static double At(double[] sorted, double quantile) => sorted[(int)Math.Ceiling(quantile * sorted.Length) - 1];
}
