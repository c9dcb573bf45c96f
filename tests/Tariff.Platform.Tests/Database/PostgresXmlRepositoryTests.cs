using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Tariff.Platform.Database;
using Tariff.Testing;

namespace Tariff.Platform.Tests.Database;

public sealed class PostgresXmlRepositoryTests : IAsyncLifetime
{
    private PostgresTestDatabase database = null!;

    public async Task InitializeAsync()
    {
        database = await PostgresTestDatabase.CreateAsync("keyring");
        await using var services = PlatformServices.Create(database.ConnectionString);
        await services.GetRequiredService<MigrationRunner>().ApplyAsync(MigrationCatalog.Load());
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task KeyRing_TwoInstancesOfOneDatabase_ReadEachOthersProtectedData()
    {
        await using var first = PlatformServices.Create(database.ConnectionString);
        await using var second = PlatformServices.Create(database.ConnectionString);

        var cookie = first.GetRequiredService<IDataProtectionProvider>().CreateProtector("cookie").Protect("signed in");
        var read = second.GetRequiredService<IDataProtectionProvider>().CreateProtector("cookie").Unprotect(cookie);

        Assert.Equal("signed in", read);
        Assert.Single(await database.QueryColumnAsync<string>("SELECT friendly_name FROM data_protection_keys"));
    }
}
