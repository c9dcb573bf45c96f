using System.Net;
using System.Net.Sockets;
using Tariff.Studio.Hosting;
using Tariff.Testing;

namespace Tariff.Studio.Tests.Hosting;

/// <summary>Bad configuration, tried on the real studio process: one clear line and a distinct exit code.</summary>
public sealed class StartupFailureTests
{
    [Fact]
    public async Task Start_DatabaseUnreachable_ExitsWithCode2NamingHostAndPort()
    {
        var port = StudioProcess.FreePort();

        var (exitCode, output) = await StudioProcess.RunUntilExitAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{StudioProcess.FreePort()}",
            ["ConnectionStrings__Tariff"] = $"Host=127.0.0.1;Port={port};Username=tariff;Database=tariff;Timeout=3",
        }, TimeSpan.FromSeconds(60));

        Assert.Equal(StartupFailure.DatabaseExitCode, exitCode);
        Assert.Contains($"tariff studio: Cannot use PostgreSQL at 127.0.0.1:{port} (database 'tariff', from ConnectionStrings__Tariff)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_PortAlreadyInUse_ExitsWithCode3NamingTheAddress()
    {
        await using var database = await PostgresTestDatabase.CreateAsync("portinuse");
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;

        var (exitCode, output) = await StudioProcess.RunUntilExitAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ConnectionStrings__Tariff"] = database.ConnectionString,
        }, TimeSpan.FromSeconds(60));

        Assert.Equal(StartupFailure.PortInUseExitCode, exitCode);
        Assert.Contains($"tariff studio: Cannot listen on http://127.0.0.1:{port}: the port is already in use.", output, StringComparison.Ordinal);
    }
}
