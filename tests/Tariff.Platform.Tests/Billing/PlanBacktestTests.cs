using Microsoft.Extensions.DependencyInjection;
using Tariff.Platform.Billing;
using Tariff.Platform.Catalog;
using static Tariff.Platform.Tests.Billing.BillingWorld;

namespace Tariff.Platform.Tests.Billing;

/// <summary>Backtesting a plan's draft against its published version over each subscription's last closed period, on a fake clock.</summary>
public sealed class PlanBacktestTests : IAsyncLifetime
{
    private const string Published = """
        meter calls {
            count
        }

        plan api {
            currency EUR
            fee platform 10.00 recurring
            charge calls { per unit 0.10 }
        }
        """;

    private BillingWorld world = null!;

    public async Task InitializeAsync() => world = await BillingWorld.CreateAsync("backtest");

    public async Task DisposeAsync() => await world.DisposeAsync();

    private PlanBacktester Backtester => world.Services.GetRequiredService<PlanBacktester>();

    [Fact]
    public async Task Draft_RatedAgainstThePublishedVersion_ChangePerConsumerAndInTotal_WithBillingsProration()
    {
        var plan = await world.PublishPlanAsync("api", Published);
        await world.SubscribeAsync("big", plan, At(2027, 1, 1));
        await world.SubscribeAsync("small", plan, At(2027, 1, 1));
        await world.SubscribeAsync("late", plan, At(2027, 1, 16));
        await world.SubscribeAsync("new", plan, At(2027, 2, 5));
        await world.UseAsync("big", 100, At(2027, 1, 10), TimeSpan.FromDays(5));
        await world.UseAsync("small", 10, At(2027, 1, 10), TimeSpan.FromDays(5));
        await world.UseAsync("late", 20, At(2027, 1, 20), TimeSpan.FromDays(5));
        await world.UseAsync("new", 50, At(2027, 2, 6), TimeSpan.FromDays(1));
        await world.Services.GetRequiredService<PlanService>().UpdateDraftAsync(world.Tenant, plan,
            Published.Replace("10.00", "12.00", StringComparison.Ordinal).Replace("0.10", "0.05", StringComparison.Ordinal), "ana");
        world.Clock.MoveTo(At(2027, 2, 10));

        var backtest = (await Backtester.RunAsync(world.Tenant, plan))!;

        // The fee of the consumer that started on the 16th is prorated 16/31 on both sides: 5.16 and 6.19.
        Assert.Equal(
            [("big", 100, 20.00m, 17.00m, -3.00m, (decimal?)-15.0m), ("small", 10, 11.00m, 12.50m, 1.50m, 13.6m), ("late", 20, 7.16m, 7.19m, 0.03m, 0.4m)],
            backtest.Rows.Select(r => (r.ConsumerCode, r.Events, r.Published, r.Draft, r.Change, r.ChangePercent)));
        Assert.All(backtest.Rows, r => Assert.Equal(At(2027, 2, 1), r.Period.End));
        Assert.Equal(At(2027, 1, 16), backtest.Rows.Single(r => r.ConsumerCode == "late").Period.Start);
        Assert.Equal((1, "EUR", 38.16m, 36.69m, -1.47m, (decimal?)-3.9m),
            (backtest.PublishedVersion, backtest.Currency, backtest.Published, backtest.Draft, backtest.Change, backtest.ChangePercent));
        Assert.Empty(await world.Invoices.ListAsync(world.Tenant, new InvoiceQuery()));
    }

    [Fact]
    public async Task DraftWithErrors_NeverPublished_OrAnotherTenantsPlan_AreRefusedOrNotFound()
    {
        var plans = world.Services.GetRequiredService<PlanService>();
        var (unpublished, _) = await plans.CreateAsync(world.Tenant, "fresh", "Fresh", null, Published, "ana");
        var never = await Assert.ThrowsAsync<CatalogValidationException>(() => Backtester.RunAsync(world.Tenant, unpublished.Id));
        Assert.StartsWith("has no published version yet", never.Errors["plan"].Single(), StringComparison.Ordinal);

        var plan = await world.PublishPlanAsync("api", Published);
        await plans.UpdateDraftAsync(world.Tenant, plan, Published.Replace("per unit 0.10", "per unit", StringComparison.Ordinal), "ana");
        var broken = await Assert.ThrowsAsync<CatalogValidationException>(() => Backtester.RunAsync(world.Tenant, plan));
        Assert.True(broken.Errors.ContainsKey("text"));
        Assert.NotEmpty(broken.Diagnostics);

        await plans.UpdateDraftAsync(world.Tenant, plan, Published.Replace("EUR", "USD", StringComparison.Ordinal), "ana");
        var currency = await Assert.ThrowsAsync<CatalogValidationException>(() => Backtester.RunAsync(world.Tenant, plan));
        Assert.Equal("the draft bills in USD and version 1 in EUR; a backtest compares amounts in one currency.", currency.Errors["text"].Single());

        await using var scope = world.Services.CreateAsyncScope();
        var other = (await scope.ServiceProvider.GetRequiredService<Tariff.Platform.Accounts.AccountService>().CreateTenantAsync("globex", "Globex")).Id;
        Assert.Null(await Backtester.RunAsync(other, plan));
        Assert.Null(await Backtester.RunAsync(world.Tenant, Guid.NewGuid()));
    }
}
