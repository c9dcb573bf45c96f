using Microsoft.Extensions.DependencyInjection;
using Tariff.Engine.Usage;
using Tariff.Platform.Catalog;
using Tariff.Platform.Metering;
using Tariff.Platform.Tests.Billing;
using static Tariff.Platform.Tests.Billing.BillingWorld;

namespace Tariff.Platform.Tests.Metering;

public sealed class EntitlementServiceTests : IAsyncLifetime
{
    private BillingWorld world = null!;
    private EntitlementService entitlements = null!;

    public async Task InitializeAsync()
    {
        world = await BillingWorld.CreateAsync("entitlements");
        var plan = await world.PublishPlanAsync("pro", MeteringWorld.Plan);
        world.Clock.MoveTo(At(2027, 3, 1));
        await world.SubscribeAsync("initech", plan, At(2027, 3, 1), "Europe/Berlin");
        await world.Services.GetRequiredService<ConsumerService>().CreateAsync(world.Tenant, "hooli", "Hooli", null, ["gw-hooli"]);
        world.Clock.MoveTo(At(2027, 3, 20));
        entitlements = world.Services.GetRequiredService<EntitlementService>();
        await world.SendAsync([.. Enumerable.Range(0, 95).Select(i => new UsageEvent($"c{i}", At(2027, 3, 19), "gw-initech", "kong", Status: 200))]);
    }

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task Check_HardQuotaWith95Of100Used_AllowsFiveMoreDeniesSixAndResetsAtTheLocalPeriodEnd()
    {
        var five = await entitlements.CheckAsync(world.Tenant, "gw-initech", "calls", 5);
        var six = await entitlements.CheckAsync(world.Tenant, "initech", "calls", 6);

        Assert.Equal((true, "initech", 95m, 100m, 5m, "hard"), (five.Allowed, five.Consumer, five.Used, five.Limit, five.Remaining, five.Kind));
        Assert.False(six.Allowed);
        Assert.Equal("95 of 100 used; 6 more exceeds the hard quota", six.Reason);
        // Berlin's April begins at 22:00 UTC on March 31 (summer time).
        Assert.Equal(new DateTimeOffset(2027, 3, 31, 22, 0, 0, TimeSpan.Zero), five.ResetAt);
    }

    [Fact]
    public async Task Check_SoftQuotaExceeded_AllowsAndSaysSo()
    {
        await world.SendAsync([new UsageEvent("gb", At(2027, 3, 1), "gw-initech", "kong", Measures: new Dictionary<string, decimal> { ["gb"] = 3000 })]);
        await world.Services.GetRequiredService<MeteringWorker>().RunOnceAsync();

        var decision = await entitlements.CheckAsync(world.Tenant, "gw-initech", "storage", 1);

        Assert.True(decision.Allowed);
        Assert.True(decision.Used > 50, decision.Reason);
        Assert.EndsWith("exceeds the soft quota, which allows it", decision.Reason);
        Assert.Equal(0m, decision.Remaining);
    }

    [Theory]
    [InlineData("gw-nobody", "calls", false, "no consumer is known as 'gw-nobody' (not a mapped gateway identity, a consumer code or an id)")]
    [InlineData("gw-hooli", "calls", false, "consumer 'hooli' has no subscription in force")]
    [InlineData("gw-initech", "egress_gb", true, "plan 'pro' sets no quota on 'egress_gb'")]
    [InlineData("gw-initech", "bananas", true, "plan 'pro' does not meter 'bananas'")]
    public async Task Check_WithoutAQuotaToApply_SaysWhy(string consumer, string meter, bool allowed, string reason)
    {
        var decision = await entitlements.CheckAsync(world.Tenant, consumer, meter, 1);

        Assert.Equal((allowed, reason), (decision.Allowed, decision.Reason));
    }

    [Theory]
    [InlineData(null, "calls", 1, "consumer")]
    [InlineData("gw-initech", "", 1, "meter")]
    [InlineData("gw-initech", "calls", -1, "quantity")]
    public async Task Check_BadRequest_NamesTheField(string? consumer, string? meter, int quantity, string field)
    {
        var error = await Assert.ThrowsAsync<CatalogValidationException>(() => entitlements.CheckAsync(world.Tenant, consumer, meter, quantity));

        Assert.Equal([field], error.Errors.Keys);
    }

    [Fact]
    public async Task Check_AnotherTenantsConsumer_IsUnknown()
    {
        await using var scope = world.Services.CreateAsyncScope();
        var other = await scope.ServiceProvider.GetRequiredService<Tariff.Platform.Accounts.AccountService>().CreateTenantAsync("globex", "Globex");

        var decision = await entitlements.CheckAsync(other.Id, "gw-initech", "calls", 1);

        Assert.Equal((false, null), (decision.Allowed, decision.Consumer));
    }
}
