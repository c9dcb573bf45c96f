using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tariff.Platform.Accounts;
using Tariff.Platform.Catalog;
using Tariff.Platform.Database;
using Tariff.Testing;

namespace Tariff.Platform.Tests.Accounts;

/// <summary>The tenant keeps an active admin even when two admins are taken away at the same moment.</summary>
public sealed class AccessAdministrationTests : IAsyncLifetime
{
    private PostgresTestDatabase database = null!;
    private ServiceProvider services = null!;

    public async Task InitializeAsync()
    {
        database = await PostgresTestDatabase.CreateAsync("access");
        services = PlatformServices.Create(database.ConnectionString);
        await services.GetRequiredService<MigrationRunner>().ApplyAsync(MigrationCatalog.Load());
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await database.DisposeAsync();
    }

    [Theory]
    [InlineData("demote")]
    [InlineData("disable")]
    public async Task LastTwoAdmins_TakenAwayAtOnce_OneChangeIsRefusedAndAnAdminRemains(string change)
    {
        await using var setup = services.CreateAsyncScope();
        var accounts = setup.ServiceProvider.GetRequiredService<AccountService>();
        var tenant = await accounts.CreateTenantAsync("pair", "Pair");
        var first = await accounts.CreateUserAsync(tenant.Id, "first@pair.test", "First", "correct horse battery", [Roles.Admin]);
        var second = await accounts.CreateUserAsync(tenant.Id, "second@pair.test", "Second", "correct horse battery", [Roles.Admin]);

        // The test holds the tenant's row and its users' rows until both changes wait, so they are decided at the same
        // moment: without a lock taken before the check, both would pass it and wait only to write.
        await using var blocker = new NpgsqlConnection(database.ConnectionString);
        await blocker.OpenAsync();
        await using var hold = await blocker.BeginTransactionAsync();
        await hold.ExecuteAsync("SELECT 1 FROM tenants WHERE id = $1 FOR UPDATE", default, tenant.Id);
        await hold.ExecuteAsync("SELECT 1 FROM users WHERE tenant_id = $1 FOR UPDATE", default, tenant.Id);
        await hold.ExecuteAsync("SELECT 1 FROM user_roles r JOIN users u ON u.id = r.user_id WHERE u.tenant_id = $1 FOR UPDATE OF r", default, tenant.Id);
        var changes = new[] { first.Id, second.Id }.Select(id => TakeAwayAsync(tenant.Id, id, change)).ToList();
        await WaitForLockWaitersAsync(2, changes);
        await hold.RollbackAsync();
        var outcomes = await Task.WhenAll(changes);

        Assert.Equal(1, outcomes.Count(refusal => refusal is null));
        Assert.Equal("This is the tenant's last active admin; make someone else admin first.", Assert.Single(outcomes, refusal => refusal is not null));
        var admins = await database.QueryColumnAsync<long>($"""
            SELECT count(*) FROM users u JOIN user_roles r ON r.user_id = u.id
            WHERE u.tenant_id = '{tenant.Id}' AND r.role = 'admin' AND u.disabled_at IS NULL
            """);
        Assert.Equal([1L], admins);
    }

    // Null when the change was made, else the refusal's message.
    private async Task<string?> TakeAwayAsync(Guid tenantId, Guid userId, string change)
    {
        await using var scope = services.CreateAsyncScope();
        var access = scope.ServiceProvider.GetRequiredService<AccessAdministration>();
        try
        {
            _ = change == "demote"
                ? await access.SetRolesAsync(tenantId, userId, [Roles.Analyst])
                : await access.SetDisabledAsync(tenantId, userId, disabled: true);
            return null;
        }
        catch (CatalogValidationException refused)
        {
            return refused.Errors.Values.Single().Single();
        }
    }

    // Polls the server's activity view (not the clock) until that many sessions wait for a lock; a change that
    // finished without waiting ends the wait too, and the assertions then show it. The view is read outside any
    // transaction: inside one, PostgreSQL keeps showing the snapshot it read first.
    private async Task WaitForLockWaitersAsync(int waiters, IReadOnlyList<Task<string?>> changes)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        while (changes.All(c => !c.IsCompleted))
        {
            await using var command = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", connection);
            if ((long)(await command.ExecuteScalarAsync())! >= waiters)
            {
                return;
            }

            await Task.Yield();
        }
    }
}
