using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tariff.Platform.Accounts;
using Tariff.Platform.Database;
using Tariff.Testing;

namespace Tariff.Platform.Tests.Database;

public sealed class DatabaseStartupTests
{
    [Fact]
    public async Task Prepare_NothingListening_NamesTheHostPortAndSettingItTried()
    {
        var port = UnusedPort();
        await using var services = PlatformServices.Create($"Host=127.0.0.1;Port={port};Username=tariff;Database=tariff;Timeout=3");

        var error = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => DatabaseStartup.PrepareAsync(services));

        Assert.StartsWith($"Cannot use PostgreSQL at 127.0.0.1:{port} (database 'tariff', from ConnectionStrings__Tariff):", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_NoConnectionString_UseThePrivateClusterAndSaySo()
    {
        var settings = new TariffDatabaseSettings(null);

        Assert.True(settings.IsPrivateCluster);
        Assert.Equal(("127.0.0.1", 55432, "tariff"), (settings.Host, settings.Port, settings.Database));
        Assert.Contains("no ConnectionStrings__Tariff set", settings.Source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prepare_DatabaseMissing_CreatesMigratesAndSeedsIt()
    {
        var name = $"tariff_test_missing_{Guid.NewGuid():N}";
        try
        {
            await using var services = PlatformServices.Create(PostgresTestDatabase.ConnectionStringForMissingDatabase(name));

            var login = await DatabaseStartup.PrepareAsync(services);

            Assert.True(login.Created);
            Assert.Equal(DemoTenantOptions.AdminEmail, login.Email);
            await using var scope = services.CreateAsyncScope();
            var principal = await scope.ServiceProvider.GetRequiredService<AccountService>().AuthenticateUserAsync(login.Email, login.Password!);
            Assert.NotNull(principal);
            Assert.Equal([Roles.Admin], principal.Roles);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await PostgresTestDatabase.DropIfExistsAsync(name);
        }
    }

    [Fact]
    public async Task Prepare_TwoInstancesStartingTogether_BothSucceedWithOneDemoTenant()
    {
        var name = $"tariff_test_together_{Guid.NewGuid():N}";
        try
        {
            var connectionString = PostgresTestDatabase.ConnectionStringForMissingDatabase(name);
            await using var first = PlatformServices.Create(connectionString);
            await using var second = PlatformServices.Create(connectionString);

            var logins = await Task.WhenAll(DatabaseStartup.PrepareAsync(first), DatabaseStartup.PrepareAsync(second));

            Assert.Single(logins, l => l.Created);
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var count = new NpgsqlCommand("SELECT (SELECT count(*) FROM tenants) + (SELECT count(*) FROM users)", connection);
            Assert.Equal(2L, await count.ExecuteScalarAsync());
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await PostgresTestDatabase.DropIfExistsAsync(name);
        }
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
