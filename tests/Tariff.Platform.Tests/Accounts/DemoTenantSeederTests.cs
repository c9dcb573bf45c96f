using Microsoft.Extensions.DependencyInjection;
using Tariff.Platform.Accounts;
using Tariff.Platform.Database;
using Tariff.Testing;

namespace Tariff.Platform.Tests.Accounts;

public sealed class DemoTenantSeederTests : IAsyncLifetime
{
    private PostgresTestDatabase database = null!;

    public async Task InitializeAsync() => database = await PostgresTestDatabase.CreateAsync("seeder");

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Prepare_FirstStart_PrintsAWorkingPasswordOnceThenNoMore()
    {
        await using var services = PlatformServices.Create(database.ConnectionString);

        var first = await DatabaseStartup.PrepareAsync(services);
        var second = await DatabaseStartup.PrepareAsync(services);

        Assert.True(first.Created);
        Assert.Equal(16, first.Password!.Length);
        Assert.NotNull(await AuthenticateAsync(services, first.Email, first.Password));
        Assert.False(second.Created);
        Assert.Null(second.Password);
    }

    [Fact]
    public async Task Prepare_ConfiguredPassword_IsUsedAtCreationAndRestoredLater()
    {
        await using (var generated = PlatformServices.Create(database.ConnectionString))
        {
            await DatabaseStartup.PrepareAsync(generated);
        }

        await using var configured = PlatformServices.Create(database.ConnectionString,
            new Dictionary<string, string?> { ["TARIFF_DEMO_ADMIN_PASSWORD"] = "chosen-by-the-operator" });
        var login = await DatabaseStartup.PrepareAsync(configured);

        Assert.Equal("chosen-by-the-operator", login.Password);
        Assert.NotNull(await AuthenticateAsync(configured, DemoTenantOptions.AdminEmail, "chosen-by-the-operator"));
    }

    [Fact]
    public async Task Prepare_BootstrapKeyConfigured_MakesItAnAdminKeyOfTheDemoTenant()
    {
        const string key = "trf_bootstrap_for_tests_0123456789abcdef";
        await using var services = PlatformServices.Create(database.ConnectionString,
            new Dictionary<string, string?> { ["TARIFF_BOOTSTRAP_API_KEY"] = key });

        await DatabaseStartup.PrepareAsync(services);
        await DatabaseStartup.PrepareAsync(services);

        await using var scope = services.CreateAsyncScope();
        var principal = await scope.ServiceProvider.GetRequiredService<AccountService>().AuthenticateApiKeyAsync(key);
        Assert.NotNull(principal);
        Assert.Equal((DemoTenantOptions.TenantSlug, true), (principal.TenantSlug, principal.IsApiKey));
        Assert.Equal([Roles.Admin], principal.Roles);
    }

    private static async Task<AccountPrincipal?> AuthenticateAsync(ServiceProvider services, string email, string password)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AccountService>().AuthenticateUserAsync(email, password);
    }
}
