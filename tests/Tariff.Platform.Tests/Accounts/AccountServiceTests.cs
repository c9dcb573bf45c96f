using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Tariff.Platform.Accounts;
using Tariff.Platform.Database;
using Tariff.Testing;

namespace Tariff.Platform.Tests.Accounts;

public sealed class AccountServiceTests : IAsyncLifetime
{
    private PostgresTestDatabase database = null!;
    private ServiceProvider services = null!;
    private TenantRecord tenant = null!;

    public async Task InitializeAsync()
    {
        database = await PostgresTestDatabase.CreateAsync("accounts");
        services = PlatformServices.Create(database.ConnectionString);
        await services.GetRequiredService<MigrationRunner>().ApplyAsync(MigrationCatalog.Load());
        tenant = await WithAccountsAsync(accounts => accounts.CreateTenantAsync("acme", "Acme APIs"));
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task CreateUser_SamePasswordTwice_StoresTwoDifferentSaltedHashesAndNeverThePassword()
    {
        const string password = "correct horse battery staple";
        await WithAccountsAsync(a => a.CreateUserAsync(tenant.Id, "ana@acme.test", "Ana", password, [Roles.Analyst]));
        await WithAccountsAsync(a => a.CreateUserAsync(tenant.Id, "oscar@acme.test", "Oscar", password, [Roles.Operator]));

        var hashes = await database.QueryColumnAsync<string>("SELECT password_hash FROM users ORDER BY email");

        Assert.Equal(2, hashes.Distinct().Count());
        Assert.All(hashes, hash => Assert.DoesNotContain(password, hash, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AuthenticateUser_RightPasswordAnyCase_ReturnsTheTenantAndRoles()
    {
        await WithAccountsAsync(a => a.CreateUserAsync(tenant.Id, "Ana@Acme.test", "Ana", "s3cret-enough", [Roles.Analyst, Roles.Operator]));

        var principal = await WithAccountsAsync(a => a.AuthenticateUserAsync("  ANA@acme.TEST ", "s3cret-enough"));

        Assert.NotNull(principal);
        Assert.Equal((tenant.Id, "acme", "Ana", false), (principal.TenantId, principal.TenantSlug, principal.Name, principal.IsApiKey));
        Assert.Equal([Roles.Analyst, Roles.Operator], principal.Roles);
    }

    [Theory]
    [InlineData("ana@acme.test", "wrong")]
    [InlineData("nobody@acme.test", "s3cret-enough")]
    [InlineData("", "s3cret-enough")]
    [InlineData("ana@acme.test", "")]
    public async Task AuthenticateUser_WrongEmailOrPassword_ReturnsNull(string email, string password)
    {
        await WithAccountsAsync(a => a.CreateUserAsync(tenant.Id, "ana@acme.test", "Ana", "s3cret-enough", [Roles.Analyst]));

        Assert.Null(await WithAccountsAsync(a => a.AuthenticateUserAsync(email, password)));
    }

    [Fact]
    public async Task CreateUser_UnknownRole_IsRefused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            WithAccountsAsync(a => a.CreateUserAsync(tenant.Id, "x@acme.test", "X", "password", ["superuser"])));

        Assert.Contains("superuser", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateApiKey_StoresTheSha256HashAndAVisiblePrefixButNeverTheKey()
    {
        var created = await WithAccountsAsync(a => a.CreateApiKeyAsync(tenant.Id, "ingest from Kong", Roles.Operator));

        Assert.StartsWith(ApiKeySecret.Marker, created.Key, StringComparison.Ordinal);
        Assert.Equal(created.Key[..ApiKeySecret.PrefixLength], created.Prefix);
        var row = Assert.Single(await database.QueryColumnAsync<string>("SELECT row_to_json(k)::text FROM api_keys k"));
        Assert.DoesNotContain(created.Key, row, StringComparison.Ordinal);
        var storedHash = Assert.Single(await database.QueryColumnAsync<byte[]>("SELECT key_hash FROM api_keys"));
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(created.Key)), storedHash);
        Assert.Equal([created.Prefix], await database.QueryColumnAsync<string>("SELECT prefix FROM api_keys"));
    }

    [Fact]
    public async Task AuthenticateApiKey_ValidKey_ReturnsItsTenantAndRole()
    {
        var created = await WithAccountsAsync(a => a.CreateApiKeyAsync(tenant.Id, "billing bot", Roles.Operator));

        var principal = await WithAccountsAsync(a => a.AuthenticateApiKeyAsync(created.Key));

        Assert.NotNull(principal);
        Assert.Equal((tenant.Id, created.Id, true), (principal.TenantId, principal.SubjectId, principal.IsApiKey));
        Assert.Equal([Roles.Operator], principal.Roles);
    }

    [Fact]
    public async Task AuthenticateApiKey_RevokedUnknownOrAlteredKey_ReturnsNull()
    {
        var revoked = await WithAccountsAsync(a => a.CreateApiKeyAsync(tenant.Id, "old", Roles.Admin));
        var live = await WithAccountsAsync(a => a.CreateApiKeyAsync(tenant.Id, "live", Roles.Admin));
        await database.ExecuteAsync($"UPDATE api_keys SET revoked_at = now() WHERE id = '{revoked.Id}'");

        Assert.Null(await WithAccountsAsync(a => a.AuthenticateApiKeyAsync(revoked.Key)));
        Assert.Null(await WithAccountsAsync(a => a.AuthenticateApiKeyAsync(ApiKeySecret.Generate())));
        Assert.Null(await WithAccountsAsync(a => a.AuthenticateApiKeyAsync(live.Key[..^1] + (live.Key[^1] == 'A' ? 'B' : 'A'))));
        Assert.NotNull(await WithAccountsAsync(a => a.AuthenticateApiKeyAsync(live.Key)));
    }

    [Fact]
    public async Task EnsureApiKey_CalledTwice_CreatesTheKeyOnce()
    {
        const string key = "bootstrap-key-for-scripts-0123456789";

        var first = await WithAccountsAsync(a => a.EnsureApiKeyAsync(tenant.Id, "bootstrap", Roles.Admin, ApiKeyScopes.All, key));
        var second = await WithAccountsAsync(a => a.EnsureApiKeyAsync(tenant.Id, "bootstrap", Roles.Admin, ApiKeyScopes.All, key));

        Assert.True(first);
        Assert.False(second);
        Assert.Equal([1L], await database.QueryColumnAsync<long>("SELECT count(*) FROM api_keys"));
        Assert.NotNull(await WithAccountsAsync(a => a.AuthenticateApiKeyAsync(key)));
    }

    [Fact]
    public async Task EnsureApiKey_TooShort_IsRefusedWithTheMinimumLength()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            WithAccountsAsync(a => a.EnsureApiKeyAsync(tenant.Id, "bootstrap", Roles.Admin, ApiKeyScopes.All, "short")));

        Assert.Contains($"at least {ApiKeySecret.MinimumLength} characters", error.Message, StringComparison.Ordinal);
    }

    private async Task<T> WithAccountsAsync<T>(Func<AccountService, Task<T>> action)
    {
        await using var scope = services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<AccountService>());
    }
}
