using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tariff.Engine.Evaluation;
using Tariff.Engine.Syntax;
using Tariff.Engine.Usage;
using Tariff.Platform.Billing;
using Tariff.Platform.Catalog;
using Tariff.Platform.Usage;
using Tariff.Testing;

namespace Tariff.Platform.Tests.Catalog;

/// <summary>Plans, versions, consumers, identities and subscriptions against the real PostgreSQL.</summary>
public sealed class CatalogServiceTests : IAsyncLifetime
{
    public const string PlanText = """
        meter calls {
            count
        }

        meter tokens {
            sum measures.tokens
            group by dimensions.region
        }

        plan starter {
            currency EUR
            trial 1 months
            fee platform 10.00 recurring in advance
            charge calls {
                per unit 0.01
            }
            charge tokens {
                per unit 0.001
            }
            quota calls 100 hard
        }
        """;

    private ServiceProvider services = null!;
    private PostgresTestDatabase database = null!;
    private Guid tenant;
    private Guid otherTenant;

    private PlanService Plans => services.GetRequiredService<PlanService>();

    private ConsumerService Consumers => services.GetRequiredService<ConsumerService>();

    private SubscriptionService Subscriptions => services.GetRequiredService<SubscriptionService>();

    public async Task InitializeAsync()
    {
        database = await PostgresTestDatabase.CreateAsync("catalog");
        services = PlatformServices.Create(database.ConnectionString);
        (tenant, otherTenant) = await PlatformServices.MigrateWithTwoTenantsAsync(services);
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Publish_DraftWithAnError_IsRefusedWithTheDiagnosticAndItsPosition()
    {
        var (plan, diagnostics) = await Plans.CreateAsync(tenant, "starter", "Starter", null, PlanText.Replace("per unit 0.01", "per unti 0.01", StringComparison.Ordinal), "ana");

        var refusal = await Assert.ThrowsAsync<CatalogValidationException>(() => Plans.PublishAsync(tenant, plan.Id, "first", "typed", "ana"));

        Assert.NotEmpty(diagnostics);
        Assert.Equal(diagnostics.Select(d => d.Id), refusal.Diagnostics.Select(d => d.Id));
        Assert.Equal(15, refusal.Diagnostics[0].Span.Start.Line);
        Assert.StartsWith("has 1 error(s); the first, TRF", refusal.Errors["draft"].Single(), StringComparison.Ordinal);
        Assert.Empty(await Plans.VersionsAsync(tenant, plan.Id));
    }

    [Fact]
    public async Task Publish_ThenRollback_NumbersVersionsAndKeepsEveryVersionUnchanged()
    {
        var (plan, _) = await Plans.CreateAsync(tenant, "starter", "Starter", null, PlanText, "ana");
        var first = await Plans.PublishAsync(tenant, plan.Id, "first", "typed", "ana");
        await Plans.UpdateDraftAsync(tenant, plan.Id, PlanText.Replace("0.01", "0.02", StringComparison.Ordinal), "bo");
        var second = await Plans.PublishAsync(tenant, plan.Id, "dearer calls", "assistant", "bo");

        var restored = await Plans.RollbackAsync(tenant, plan.Id, 1, "cy");

        Assert.Equal([1, 2, 3], (await Plans.VersionsAsync(tenant, plan.Id)).Select(v => v.Version));
        Assert.Equal(("rollback", "Rollback to version 1", PlanText), (restored!.Origin, restored.Comment, restored.Text));
        Assert.Equal("assistant", second!.Origin);
        Assert.Equal(PlanText, (await Plans.FindAsync(tenant, plan.Id))!.DraftText);
        // The canonical JSON is the document's, and reads back to the same document.
        Assert.Equal(DocumentJson.Serialize(DocumentJson.Deserialize(first!.DocumentJson)), first.DocumentJson);
        var change = await Assert.ThrowsAsync<PostgresException>(() => database.ExecuteAsync("UPDATE plan_versions SET comment = 'edited'"));
        Assert.Contains("is published and cannot change", change.MessageText, StringComparison.Ordinal);
        await Assert.ThrowsAsync<PostgresException>(() => database.ExecuteAsync("DELETE FROM plan_versions"));
    }

    [Fact]
    public async Task Publish_ManyAtOnce_EachGetsItsOwnNumber()
    {
        var (plan, _) = await Plans.CreateAsync(tenant, "starter", "Starter", null, PlanText, "ana");

        var versions = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Plans.PublishAsync(tenant, plan.Id, $"run {i}", "typed", "ana")));

        Assert.Equal(Enumerable.Range(1, 8), versions.Select(v => v!.Version).Order());
    }

    [Fact]
    public async Task Consumers_AnIdentityBelongsToOneConsumer_AndOtherTenantsSeeNothing()
    {
        var acme = await Consumers.CreateAsync(tenant, "C-1", "Acme Labs", "billing@acme.test", ["kong-acme", "app-7"]);

        var taken = await Assert.ThrowsAsync<CatalogValidationException>(() => Consumers.CreateAsync(tenant, "C-2", "Other", null, ["new-id", "app-7"]));
        var sameCode = await Assert.ThrowsAsync<CatalogValidationException>(() => Consumers.CreateAsync(tenant, "C-1", "Again", null, []));

        Assert.Equal(["'app-7' is already mapped to consumer 'C-1'."], taken.Errors["identities[1]"]);
        Assert.Equal(["is already used by another consumer."], sameCode.Errors["code"]);
        Assert.Equal(["app-7", "kong-acme"], (await Consumers.FindAsync(tenant, acme.Id))!.Identities);
        Assert.Null(await Consumers.FindAsync(otherTenant, acme.Id));
        Assert.Null(await Consumers.AddIdentitiesAsync(otherTenant, acme.Id, ["stolen"]));
        Assert.False(await Consumers.RemoveIdentityAsync(otherTenant, acme.Id, "app-7"));
        // The other tenant may use the same identity for its own consumer.
        await Consumers.CreateAsync(otherTenant, "C-1", "Globex", null, ["app-7"]);
    }

    [Fact]
    public async Task OwnersAndLookups_ReadOnlyTheConsumersAskedFor_InTheirOwnTenant()
    {
        var acme = await Consumers.CreateAsync(tenant, "C-1", "Acme Labs", null, ["kong-acme", "app-7"]);
        var globex = await Consumers.CreateAsync(tenant, "C-2", "Globex", null, ["kong-globex"]);
        var elsewhere = await Consumers.CreateAsync(otherTenant, "C-3", "Initech", null, ["kong-initech"]);

        var owners = await Consumers.OwnersAsync(tenant, ["app-7", "kong-globex", "kong-acme", "unmapped", "kong-initech", "app-7"]);
        var byCode = await Consumers.FindByCodesAsync(tenant, [" C-2 ", "C-3", "C-9"]);
        var byId = await Consumers.FindManyAsync(tenant, [acme.Id, elsewhere.Id, acme.Id]);

        Assert.Equal([("app-7", "C-1"), ("kong-acme", "C-1"), ("kong-globex", "C-2")],
            owners.Select(o => (o.Key, o.Value.Code)).OrderBy(o => o.Key, StringComparer.Ordinal));
        Assert.Equal([("C-2", globex.Id)], byCode.Select(c => (c.Key, c.Value.Id)));
        Assert.Equal([acme.Id], byId.Keys);
    }

    [Fact]
    public async Task Subscribe_TrialOfOneMonthOverADstChange_EndsAtTheSameLocalTime()
    {
        var (plan, _) = await Plans.CreateAsync(tenant, "starter", "Starter", null, PlanText, "ana");
        await Plans.PublishAsync(tenant, plan.Id, null, "typed", "ana");
        var consumer = await Consumers.CreateAsync(tenant, "C-1", "Acme Labs", null, []);

        var subscription = await Subscriptions.CreateAsync(tenant, consumer.Id, plan.Id, null, new DateTimeOffset(2026, 3, 15, 10, 0, 0, TimeSpan.FromHours(1)), null, "Europe/Berlin");

        Assert.Equal(1, subscription.PlanVersion);
        Assert.Equal(new DateTimeOffset(2026, 4, 15, 10, 0, 0, TimeSpan.FromHours(2)), subscription.TrialEndsAt);
        Assert.Equal(subscription, await Subscriptions.FindAsync(tenant, subscription.Id));
        Assert.Null(await Subscriptions.FindAsync(otherTenant, subscription.Id));
        var zone = await Assert.ThrowsAsync<CatalogValidationException>(() => Subscriptions.CreateAsync(tenant, consumer.Id, plan.Id, null, null, null, "Mars/Olympus"));
        Assert.True(zone.Errors.ContainsKey("timeZone"));
        var version = await Assert.ThrowsAsync<CatalogValidationException>(() => Subscriptions.CreateAsync(tenant, consumer.Id, plan.Id, 4, null, null, null));
        Assert.Equal(["plan 'starter' has versions 1 to 1, not 4."], version.Errors["version"]);
        var foreign = await Assert.ThrowsAsync<CatalogValidationException>(() => Subscriptions.CreateAsync(otherTenant, consumer.Id, plan.Id, null, null, null, null));
        Assert.True(foreign.Errors.ContainsKey("consumerId"));
    }

    [Fact]
    public async Task Migrate_OneThenAllOfAPlan_EndsEachWhereTheMoveTakesEffectAndRecordsIt()
    {
        var migrator = services.GetRequiredService<SubscriptionMigrator>();
        var (plan, _) = await Plans.CreateAsync(tenant, "starter", "Starter", null, PlanText, "ana");
        await Plans.PublishAsync(tenant, plan.Id, null, "typed", "ana");
        var start = new DateTimeOffset(2026, 1, 31, 0, 0, 0, TimeSpan.Zero);
        var subscribed = new List<Subscription>();
        foreach (var code in new[] { "C-1", "C-2", "C-3" })
        {
            var consumer = await Consumers.CreateAsync(tenant, code, code, null, []);
            subscribed.Add(await Subscriptions.CreateAsync(tenant, consumer.Id, plan.Id, null, start, null, "UTC"));
        }

        await Subscriptions.CancelAsync(tenant, subscribed[2].Id, start.AddDays(10));
        await Plans.PublishAsync(tenant, plan.Id, "v2", "typed", "ana");
        await Plans.PublishAsync(tenant, plan.Id, "v3", "typed", "ana");

        // The new versions moved nobody.
        Assert.All(await Subscriptions.ListAsync(tenant), s => Assert.Equal(1, s.PlanVersion));
        var one = await migrator.MigrateAsync(tenant, subscribed[0].Id, 2, start.AddDays(15), "ops");
        var all = await migrator.MigratePlanAsync(tenant, plan.Id, null, start.AddDays(20), "ops");

        Assert.Equal((1, 2, start.AddDays(15)), (one!.FromVersion, one.ToVersion, one.EffectiveAt));
        // C-1 (now on version 2) and C-2 move to the latest; C-3 ended before the move and stays where it was.
        Assert.Equal([(subscribed[1].Id, 1, 3), (one.ToSubscription, 2, 3)], all!.Select(m => (m.FromSubscription, m.FromVersion, m.ToVersion)).OrderBy(m => m.Item2));
        var c1 = (await Subscriptions.ListAsync(tenant, subscribed[0].ConsumerId)).Select(s => (s.PlanVersion, s.StartsAt, s.EndsAt, s.Status)).ToList();
        Assert.Equal([(1, start, (DateTimeOffset?)start.AddDays(15), "migrated"), (2, start.AddDays(15), start.AddDays(20), "migrated"), (3, start.AddDays(20), null, "active")], c1);
        Assert.Equal(3, (await migrator.HistoryAsync(tenant, plan.Id)).Count);
        Assert.Empty(await migrator.HistoryAsync(otherTenant, plan.Id));
        Assert.Null(await migrator.MigrateAsync(otherTenant, subscribed[1].Id, null, null, "thief"));
        var ended = await Assert.ThrowsAsync<CatalogValidationException>(() => migrator.MigrateAsync(tenant, subscribed[2].Id, 3, start.AddDays(20), "ops"));
        Assert.True(ended.Errors.ContainsKey("effectiveAt"));
    }

    [Fact]
    public async Task Meters_EventsOfEveryMappedIdentity_CountIncludingThoseStoredBeforeTheMapping()
    {
        var (plan, _) = await Plans.CreateAsync(tenant, "starter", "Starter", null, PlanText, "ana");
        await Plans.PublishAsync(tenant, plan.Id, null, "typed", "ana");
        var consumer = await Consumers.CreateAsync(tenant, "C-1", "Acme Labs", null, ["kong-acme"]);
        var period = new UsagePeriod(new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        await Subscriptions.CreateAsync(tenant, consumer.Id, plan.Id, null, period.Start, null, null);
        var store = services.GetRequiredService<IUsageStore>();
        UsageEvent Call(string id, string identity, int day, decimal tokens, string region) =>
            new(id, period.Start.AddDays(day), identity, "kong", Measures: new Dictionary<string, decimal> { ["tokens"] = tokens },
                Dimensions: new Dictionary<string, string> { ["region"] = region });
        await store.AppendAsync(tenant, [.. new[]
        {
            Call("e1", "kong-acme", 1, 100, "eu"), Call("e2", "app-7", 2, 50, "us"), Call("e3", "kong-acme", 3, 25, "eu"),
            Call("e4", "stranger", 4, 999, "eu"), Call("e5", "app-7", 40, 1, "eu"),
        }.Select(e => new IncomingEvent(e, Late: false))], PlatformServices.Epoch);
        await store.AppendAsync(otherTenant, [new IncomingEvent(Call("e6", "kong-acme", 1, 7, "eu"), Late: false)], PlatformServices.Epoch);
        var reader = services.GetRequiredService<ConsumerMeterReader>();

        var before = await reader.ReadAsync(tenant, consumer.Id, period);
        await Consumers.AddIdentitiesAsync(tenant, consumer.Id, ["app-7"]);
        var after = await reader.ReadAsync(tenant, consumer.Id, period);

        Assert.Equal((2, 2m, 125m), (before!.Events, before.Meters[0].Total, before.Meters[1].Total));
        Assert.Equal((3, 3m), (after!.Events, after.Meters[0].Total));
        Assert.Equal([(["eu"], 125m), (["us"], 50m)], after.Meters[1].Groups.Select(g => (g.GroupValues.ToArray(), g.Quantity)));
        Assert.Equal(new QuotaUse("calls", 100, "hard", 3), after.Quotas.Single());
        Assert.Null(await reader.ReadAsync(otherTenant, consumer.Id, period));
    }
}
