using Tariff.Platform.Usage.ClickHouse;
using Tariff.Testing;

namespace Tariff.Platform.Tests.Usage;

/// <summary>Credentials in the ClickHouse address reach the real server as HTTP basic authentication.</summary>
public sealed class ClickHouseClientTests
{
    [Fact]
    public async Task CreateHttp_UserInTheAddress_IsSentAndAnUnknownUserIsRefused()
    {
        var server = TestEnvironment.ClickHouseUrl;
        using var known = new ClickHouseClient(ClickHouseClient.CreateHttp(new UriBuilder(server) { UserName = "default", Password = string.Empty }.Uri));
        using var unknown = new ClickHouseClient(ClickHouseClient.CreateHttp(new UriBuilder(server) { UserName = "nobody", Password = "p@ss:word" }.Uri));

        // 18.16 has no currentUser(): the query finds itself among the running ones, with the user it runs as.
        var rows = await known.QueryAsync("SELECT user FROM system.processes WHERE query LIKE '%tariff-whoami%' FORMAT JSONEachRow");
        var refusal = await Assert.ThrowsAsync<ClickHouseException>(() => unknown.QueryAsync("SELECT 1 AS one FORMAT JSONEachRow"));

        Assert.Equal("default", rows.Single().GetProperty("user").GetString());
        Assert.Contains("nobody", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateHttp_AddressWithCredentials_KeepsThemOutOfTheBaseAddress()
    {
        using var http = ClickHouseClient.CreateHttp(new Uri("http://tariff:s%40cret@clickhouse:8123/"));

        Assert.Equal(new Uri("http://clickhouse:8123/"), http.BaseAddress);
        Assert.Equal("Basic dGFyaWZmOnNAY3JldA==", http.DefaultRequestHeaders.Authorization?.ToString());
    }
}
