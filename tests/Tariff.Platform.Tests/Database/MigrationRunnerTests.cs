using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tariff.Platform.Database;
using Tariff.Testing;

namespace Tariff.Platform.Tests.Database;

public sealed class MigrationRunnerTests : IAsyncLifetime
{
    private PostgresTestDatabase database = null!;

    public async Task InitializeAsync() => database = await PostgresTestDatabase.CreateAsync("migrations");

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Apply_EmptyDatabase_CreatesEveryTableAndRecordsEveryVersion()
    {
        await using var services = PlatformServices.Create(database.ConnectionString);
        var migrations = MigrationCatalog.Load();

        var applied = await services.GetRequiredService<MigrationRunner>().ApplyAsync(migrations);

        Assert.Equal(migrations.Select(m => m.Version), applied);
        Assert.Equal(
            ["alert_deliveries", "alerts", "api_keys", "assistant_exchanges", "assistant_reservations", "audit_log", "billing_instances", "billing_runs", "consumer_identities", "consumer_tax_rates", "consumers", "counter_reconciliations",
                "data_protection_keys", "ingest_minutes", "invoice_lines", "invoice_sequences", "invoices", "plan_versions", "plans", "products", "queries", "query_versions", "roles", "schedule_versions",
                "schedules", "schema_migrations", "subscription_migrations", "subscriptions", "tax_rates", "tenants", "usage_counters", "usage_event_keys",
                "usage_events", "user_roles", "users", "wallet_credits", "wallet_ledger", "wallets", "webhook_endpoints"],
            await TablesAsync());
        // Quartz's job store: its eleven tables, under their own prefix.
        Assert.Equal([11L], await database.QueryColumnAsync<long>("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 'qrtz\\_%'"));
        Assert.Equal(["admin", "analyst", "consumer", "operator"], await database.QueryColumnAsync<string>("SELECT name FROM roles ORDER BY name"));
        // The test server has pg_trgm (Debian's PostgreSQL ships it), so consumer search gets its trigram indexes.
        Assert.Equal(["consumer_identities_identity_trgm_idx", "consumers_code_trgm_idx", "consumers_email_trgm_idx", "consumers_name_trgm_idx"],
            await database.QueryColumnAsync<string>("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%\\_trgm\\_idx' ORDER BY indexname COLLATE \"C\""));
        Assert.Equal(migrations.Select(m => m.Checksum), await database.QueryColumnAsync<string>("SELECT checksum FROM schema_migrations ORDER BY version"));
    }

    [Fact]
    public async Task Apply_SecondTime_AppliesNothing()
    {
        await using var services = PlatformServices.Create(database.ConnectionString);
        var runner = services.GetRequiredService<MigrationRunner>();
        await runner.ApplyAsync(MigrationCatalog.Load());

        var again = await runner.ApplyAsync(MigrationCatalog.Load());

        Assert.Empty(again);
    }

    [Fact]
    public async Task Apply_TwoInstancesAtOnce_TakeTurnsUnderTheAdvisoryLockAndApplyEachMigrationOnce()
    {
        // The slow script widens the window in which, without the lock, both instances would run it and the second
        // would fail on the table the first created.
        Migration[] migrations =
        [
            new(1, "slow", "SELECT pg_sleep(0.5); CREATE TABLE race_witness (id int PRIMARY KEY);"),
            new(2, "second", "INSERT INTO race_witness VALUES (1);"),
        ];
        await using var first = PlatformServices.Create(database.ConnectionString);
        await using var second = PlatformServices.Create(database.ConnectionString);

        var results = await Task.WhenAll(
            first.GetRequiredService<MigrationRunner>().ApplyAsync(migrations),
            second.GetRequiredService<MigrationRunner>().ApplyAsync(migrations));

        Assert.Equal([1, 2], results.SelectMany(r => r).Order());
        Assert.Equal([1, 2], await database.QueryColumnAsync<int>("SELECT version FROM schema_migrations ORDER BY version"));
        Assert.Equal([1], await database.QueryColumnAsync<int>("SELECT id FROM race_witness"));
    }

    [Fact]
    public async Task Apply_AppliedScriptWasEdited_RefusesWithAMessageNamingIt()
    {
        await using var services = PlatformServices.Create(database.ConnectionString);
        var runner = services.GetRequiredService<MigrationRunner>();
        await runner.ApplyAsync([new Migration(1, "original", "CREATE TABLE edited (id int);")]);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            runner.ApplyAsync([new Migration(1, "original", "CREATE TABLE edited (id bigint);")]));

        Assert.Contains("0001_original was changed after it was applied", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_FailingScript_RollsItBackAndRecordsNothingForIt()
    {
        await using var services = PlatformServices.Create(database.ConnectionString);
        var runner = services.GetRequiredService<MigrationRunner>();

        await Assert.ThrowsAsync<PostgresException>(() => runner.ApplyAsync(
        [
            new Migration(1, "good", "CREATE TABLE kept (id int);"),
            new Migration(2, "bad", "CREATE TABLE half_done (id int); SELECT no_such_function();"),
        ]));

        Assert.Equal([1], await database.QueryColumnAsync<int>("SELECT version FROM schema_migrations"));
        Assert.DoesNotContain("half_done", await TablesAsync());
    }

    [Fact]
    public void Catalog_EmbeddedScripts_AreNumberedFromOneWithoutGaps()
    {
        var versions = MigrationCatalog.Load().Select(m => m.Version).ToArray();

        Assert.Equal(Enumerable.Range(1, versions.Length), versions);
    }

    private Task<List<string>> TablesAsync() =>
        database.QueryColumnAsync<string>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'qrtz\\_%' ORDER BY tablename COLLATE \"C\"");
}
