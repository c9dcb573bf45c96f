using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tariff.Platform;
using Tariff.Platform.Database;
using Tariff.Testing;

namespace Tariff.Benchmarks;

/// <summary>
/// The platform's services over a new, migrated database of the tests' PostgreSQL: what the latency harnesses
/// measure against. Disposing it disposes the services, then drops the database.
/// </summary>
public sealed class BenchmarkPlatform : IAsyncDisposable
{
    private readonly PostgresTestDatabase database;

    private BenchmarkPlatform(PostgresTestDatabase database, ServiceProvider services) => (this.database, Services) = (database, services);

    public ServiceProvider Services { get; }

    public static async Task<BenchmarkPlatform> StartAsync(string name)
    {
        var database = await PostgresTestDatabase.CreateAsync(name);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Tariff"] = database.ConnectionString }).Build();
        var services = new ServiceCollection().AddLogging().AddTariffPlatform(configuration).BuildServiceProvider();
        await services.GetRequiredService<MigrationRunner>().ApplyAsync(MigrationCatalog.Load());
        return new BenchmarkPlatform(database, services);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await database.DisposeAsync();
    }
}
