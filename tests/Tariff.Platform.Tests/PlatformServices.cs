using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tariff.Platform.Accounts;
using Tariff.Platform.Database;
using Tariff.Testing;

namespace Tariff.Platform.Tests;

/// <summary>The platform's real service registrations, pointed at a test database, with a fake clock.</summary>
internal static class PlatformServices
{
    public static readonly DateTimeOffset Epoch = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    public static ServiceProvider Create(string connectionString, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var values = new Dictionary<string, string?> { ["ConnectionStrings:Tariff"] = connectionString };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Epoch));
        services.AddTariffPlatform(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    /// <summary>Migrates the test database and creates the tenant a test works in (acme) and one to try its ids with (globex).</summary>
    public static async Task<(Guid Tenant, Guid OtherTenant)> MigrateWithTwoTenantsAsync(ServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        await services.GetRequiredService<MigrationRunner>().ApplyAsync(MigrationCatalog.Load());
        await using var scope = services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        return ((await accounts.CreateTenantAsync("acme", "Acme")).Id, (await accounts.CreateTenantAsync("globex", "Globex")).Id);
    }
}
