using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Tariff.Platform.Database;
using Tariff.Studio.Health;
using Tariff.Testing;

namespace Tariff.Studio.Tests.Health;

public sealed class HealthTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    [Fact]
    public async Task Healthz_DatabaseUp_IsHealthyWithTheSchemaVersionAndNeedsNoLogin()
    {
        using var client = factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync("/healthz");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        var database = body.GetProperty("checks").GetProperty("database");
        Assert.Equal(MigrationCatalog.Load().Max(m => m.Version), database.GetProperty("data").GetProperty("schemaVersion").GetInt32());
    }

    [Fact]
    public async Task DatabaseCheck_ServerUnreachable_IsUnhealthyAndNamesHostAndPort()
    {
        var port = StudioProcess.FreePort();
        var connectionString = $"Host=127.0.0.1;Port={port};Username=tariff;Database=tariff;Timeout=2";
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var check = new DatabaseHealthCheck(dataSource, new TariffDatabaseSettings(connectionString));

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.StartsWith($"PostgreSQL at 127.0.0.1:{port}/tariff:", result.Description, StringComparison.Ordinal);
    }
}
