using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tariff.Platform.Accounts;
using Tariff.Platform.Catalog;

namespace Tariff.Benchmarks;

/// <summary>
/// The latency of one consumer search as the pickers and the consumer list make it (part of a code, name, e-mail or
/// identity; the first 20 by code) over a tenant of 100,000 consumers, each call timed on its own. The baseline,
/// measured in the same run on the same data, is the same search after the trigram indexes are dropped.
/// </summary>
public static class ConsumerSearchLatency
{
    private const int Consumers = 100_000;

    public static async Task RunAsync()
    {
        await using var platform = await BenchmarkPlatform.StartAsync("search-bench");
        var services = platform.Services;
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        var tenant = await SeedAsync(services, dataSource);
        var consumers = services.GetRequiredService<ConsumerService>();

        // What people type: a piece of a code, of a name or of an identity, each found in a handful of consumers.
        var random = new Random(7);
        string Term() => random.Next(3) switch
        {
            0 => $"c-{random.Next(Consumers):000000}",
            1 => $"{Hex(random.Next(Consumers))[..5]}",
            _ => $"gw-{Hex(random.Next(Consumers))[..6]}",
        };
        Task Search() => consumers.PageAsync(tenant, Term(), ConsumerOrder.Code, 0, 20);

        var indexed = await LatencySamples.MeasureAsync(Search, 2_000, 200);
        await ExecuteAsync(dataSource, """
            DROP INDEX consumers_code_trgm_idx, consumers_name_trgm_idx, consumers_email_trgm_idx, consumer_identities_identity_trgm_idx;
            ANALYZE consumers; ANALYZE consumer_identities;
            """);
        var scanned = await LatencySamples.MeasureAsync(Search, 200, 20);
        Console.WriteLine(LatencySamples.Header);
        Console.WriteLine(LatencySamples.Row("search without the trigram indexes (baseline)", scanned));
        Console.WriteLine(LatencySamples.Row("search with the trigram indexes (migration 0025)", indexed));
    }

    private static string Hex(int i) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i)));

    private static async Task<Guid> SeedAsync(ServiceProvider services, NpgsqlDataSource dataSource)
    {
        Guid tenant;
        await using (var scope = services.CreateAsyncScope())
        {
            tenant = (await scope.ServiceProvider.GetRequiredService<AccountService>().CreateTenantAsync("bench", "Bench")).Id;
        }

        // Written straight into the tables: 100,000 creations through the service would only measure the audit log.
        await using (var connection = await dataSource.OpenConnectionAsync())
        await using (var writer = await connection.BeginBinaryImportAsync("COPY consumers (id, tenant_id, code, name, email, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < Consumers; i++)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(Guid.CreateVersion7());
                await writer.WriteAsync(tenant);
                await writer.WriteAsync($"c-{i:000000}");
                await writer.WriteAsync($"Company {Hex(i)[..12]}");
                await writer.WriteAsync($"billing-{i}@example.com");
                await writer.WriteAsync(DateTimeOffset.UnixEpoch.AddSeconds(i), NpgsqlTypes.NpgsqlDbType.TimestampTz);
            }

            await writer.CompleteAsync();
        }

        await ExecuteAsync(dataSource, $"""
            INSERT INTO consumer_identities (tenant_id, identity, consumer_id, created_at)
            SELECT tenant_id, 'gw-' || substr(name, 9), id, created_at FROM consumers WHERE tenant_id = '{tenant}';
            ANALYZE consumers; ANALYZE consumer_identities;
            """);
        return tenant;
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
