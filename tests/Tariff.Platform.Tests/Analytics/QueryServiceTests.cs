using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tariff.Platform.Accounts;
using Tariff.Platform.Analytics;
using Tariff.Platform.Catalog;
using Tariff.Platform.Tests.Billing;
using static Tariff.Platform.Tests.Billing.BillingWorld;

namespace Tariff.Platform.Tests.Analytics;

/// <summary>Saved queries against the real PostgreSQL: drafts, versions, rollback, and what they measure from the usage store.</summary>
public sealed class QueryServiceTests : IAsyncLifetime
{
    private const string Meters = """
        meter calls {
            count
        }

        meter mobile {
            count
            where consumer = "gw-c1-mobile"
        }

        """;

    private BillingWorld world = null!;

    private QueryService Queries => world.Services.GetRequiredService<QueryService>();

    public async Task InitializeAsync() => world = await BillingWorld.CreateAsync("queries");

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task Publish_RefusedDraft_ThenFixed_ThenRolledBack_KeepsEveryVersion()
    {
        await world.Services.GetRequiredService<ConsumerService>().CreateAsync(world.Tenant, "c1", "C1", null, ["gw-c1"]);
        var first = Meters + "query daily {\n    show calls\n    step day\n}\n";
        var (query, _) = await Queries.CreateAsync(world.Tenant, "daily", first, "ana");
        await Queries.PublishAsync(world.Tenant, query.Id, "first", "typed", "ana");
        var typo = Meters + "query daily {\n    show cals, mobile\n    consumers \"c1\", \"c9\"\n}\n";

        var (_, diagnostics) = (await Queries.UpdateDraftAsync(world.Tenant, query.Id, typo, "ana"))!.Value;
        var refused = await Assert.ThrowsAsync<CatalogValidationException>(() => Queries.PublishAsync(world.Tenant, query.Id, "typo", "typed", "ana"));
        await Queries.UpdateDraftAsync(world.Tenant, query.Id, typo.Replace("cals", "calls", StringComparison.Ordinal).Replace(", \"c9\"", "", StringComparison.Ordinal), "ana");
        var second = await Queries.PublishAsync(world.Tenant, query.Id, "late hours too", "typed", "ana");
        var restored = await Queries.RollbackAsync(world.Tenant, query.Id, 1, "olga");

        Assert.Equal([("TRF0101", 10, 9), ("TRF0115", 11, 20)], diagnostics.Select(d => (d.Id, d.Span.Start.Line, d.Span.Start.Column)));
        Assert.Equal("no consumer with the code `c9` in this tenant", diagnostics[1].Message);
        Assert.Equal(diagnostics, refused.Diagnostics);
        Assert.Equal("draft", Assert.Single(refused.Errors).Key);
        Assert.Equal((2, "typed"), (second!.Version, second.Origin));
        Assert.Equal((3, "rollback", "Rollback to version 1", first, "olga"), (restored!.Version, restored.Origin, restored.Comment, restored.Text, restored.PublishedBy));
        Assert.Equal([1, 2, 3], (await Queries.VersionsAsync(world.Tenant, query.Id)).Select(v => v.Version));
        Assert.Equal(3, (await Queries.FindAsync(world.Tenant, query.Id))!.LatestVersion);
        Assert.Contains("\"kind\": \"query\"", (await Queries.FindVersionAsync(world.Tenant, query.Id, 2))!.DocumentJson, StringComparison.Ordinal);
        Assert.Equal(["query.created", "query.draft_saved", "query.draft_saved", "query.published", "query.published", "query.published"],
            (await world.Database.QueryColumnAsync<string>("SELECT action FROM audit_log WHERE entity = 'query' ORDER BY id")).Order(StringComparer.Ordinal));
        var change = await Assert.ThrowsAsync<PostgresException>(() => world.Database.ExecuteAsync("UPDATE query_versions SET text = 'x' WHERE version = 1"));
        Assert.Contains("is published and cannot change", change.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MeasuresEachConsumersIdentitiesPerStep_AndLeavesUnmappedOnesOut()
    {
        var consumers = world.Services.GetRequiredService<ConsumerService>();
        await consumers.CreateAsync(world.Tenant, "c1", "C1", null, ["gw-c1", "gw-c1-mobile"]);
        await consumers.CreateAsync(world.Tenant, "c2", "C2", null, ["gw-c2"]);
        await world.UseAsync("c1", 4, At(2026, 3, 1, 16), TimeSpan.FromHours(4));         // 16:00 to 19:00 on the 1st
        await world.UseAsync("c1-mobile", 2, At(2026, 3, 2, 20), TimeSpan.FromHours(2));  // 20:00 and 21:00 on the 2nd
        await world.UseAsync("c2", 3, At(2026, 3, 2, 9), TimeSpan.FromHours(3));          // 09:00, 10:00, 11:00 on the 2nd
        await world.UseAsync("stranger", 5, At(2026, 3, 1), TimeSpan.FromHours(5));        // nobody's
        await world.UseAsync("c2", 1, At(2026, 3, 3), TimeSpan.FromHours(1));             // after the range
        var daily = Meters + "query daily {\n    show calls, mobile\n    from 2026-03-01 to 2026-03-03\n    step day\n}\n";

        var result = await Queries.RunTextAsync(world.Tenant, daily);
        var onlyC2 = await Queries.RunTextAsync(world.Tenant, Meters + "query c2 {\n    show calls\n    from 2026-03-01 to 2026-03-03\n    consumers \"c2\"\n}\n");

        Assert.Equal(
            [
                new QueryRow("c1", At(2026, 3, 1), "calls", "", 4),
                new QueryRow("c1", At(2026, 3, 2), "calls", "", 2), new QueryRow("c1", At(2026, 3, 2), "mobile", "", 2),
                new QueryRow("c2", At(2026, 3, 2), "calls", "", 3),
            ],
            result.Rows);
        Assert.Equal([At(2026, 3, 1), At(2026, 3, 2)], result.Steps);
        Assert.Equal(["calls", "mobile"], result.Meters.Select(m => m.Name));
        Assert.Equal([new QueryRow("c2", null, "calls", "", 3)], onlyC2.Rows);
    }

    [Fact]
    public async Task Run_LastHours_FollowsTheClock_AndAnotherTenantFindsNothing()
    {
        await world.Services.GetRequiredService<ConsumerService>().CreateAsync(world.Tenant, "c1", "C1", null, ["gw-c1"]);
        await world.UseAsync("c1", 6, At(2027, 5, 10, 6), TimeSpan.FromHours(6)); // 06:00 to 11:00
        var (query, _) = await Queries.CreateAsync(world.Tenant, "recent", Meters + "query recent {\n    show calls\n    last 3 hours\n}\n", "ana");
        await Queries.PublishAsync(world.Tenant, query.Id, null, "typed", "ana");
        world.Clock.MoveTo(At(2027, 5, 10, 10).AddMinutes(30)); // the range is 08:00 to 11:00

        var result = await Queries.RunAsync(world.Tenant, query.Id, version: null);
        var otherTenant = await OtherTenantAsync();
        var namingC1 = Meters + "query mine {\n    show calls\n    consumers \"c1\"\n}\n";
        var refused = await Assert.ThrowsAsync<CatalogValidationException>(() => Queries.RunTextAsync(otherTenant, namingC1));

        Assert.Equal((At(2027, 5, 10, 8), At(2027, 5, 10, 11)), (result!.Range.Start, result.Range.End));
        Assert.Equal([new QueryRow("c1", null, "calls", "", 3)], result.Rows);
        Assert.Null(await Queries.FindAsync(otherTenant, query.Id));
        Assert.Null(await Queries.RunAsync(otherTenant, query.Id, version: null));
        Assert.Empty(await Queries.VersionsAsync(otherTenant, query.Id));
        Assert.Equal("no consumer with the code `c1` in this tenant", Assert.Single(refused.Diagnostics).Message);
        Assert.Equal([new QueryRow("c1", null, "calls", "", 3)], (await Queries.RunTextAsync(world.Tenant, namingC1.Replace("show calls", "show calls\n    last 3 hours", StringComparison.Ordinal))).Rows);
    }

    private async Task<Guid> OtherTenantAsync()
    {
        await using var scope = world.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<AccountService>().CreateTenantAsync("other", "Other")).Id;
    }
}
