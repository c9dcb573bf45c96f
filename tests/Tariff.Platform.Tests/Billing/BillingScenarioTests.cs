using Microsoft.Extensions.DependencyInjection;
using Tariff.Platform.Billing;
using Tariff.Platform.Catalog;

using static Tariff.Platform.Tests.Billing.BillingWorld;

namespace Tariff.Platform.Tests.Billing;

/// <summary>
/// Months of billing on a fake clock against the real PostgreSQL: a consumer subscribes mid-month, uses the API,
/// sends late usage, changes plan; every invoice's lines and totals are asserted to the cent, and which events each
/// invoice rated.
/// </summary>
public sealed class BillingScenarioTests : IAsyncLifetime
{
    private const string PlanV1 = """
        meter calls {
            count
        }

        plan api {
            currency EUR
            fee platform 31.00 recurring in advance
            charge calls {
                graduated {
                    up to 100 at 0
                    above at 0.10
                }
            }
        }
        """;

    private BillingWorld world = null!;

    public async Task InitializeAsync() => world = await BillingWorld.CreateAsync("billing");

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task ThreeMonths_MidMonthStartLateUsageAndPlanChange_EveryInvoiceExact()
    {
        var plans = world.Services.GetRequiredService<PlanService>();
        var (plan, _) = await plans.CreateAsync(world.Tenant, "api", "API", null, PlanV1, "ana");
        await plans.PublishAsync(world.Tenant, plan.Id, "launch", "typed", "ana");
        await world.Services.GetRequiredService<TaxRateService>().PutAsync(world.Tenant, "de-vat", "VAT 19%", 19m, isDefault: true);
        var consumer = await world.Services.GetRequiredService<ConsumerService>().CreateAsync(world.Tenant, "initech", "Initech", null, ["gw-initech"]);
        world.Clock.MoveTo(At(2027, 1, 15));
        var first = await world.Services.GetRequiredService<SubscriptionService>().CreateAsync(world.Tenant, consumer.Id, plan.Id, null, null, null, null);

        // January: 150 calls. The run on February 1 makes a draft that the grace period keeps open.
        await UseAsync(150, At(2027, 1, 16), TimeSpan.FromHours(1));
        var january = await RunAsync(At(2027, 2, 1, 12));
        Assert.Equal("created", january.Results.Single().Action);
        var draft = await world.Invoices.FindAsync(world.Tenant, january.Results.Single().InvoiceId!.Value);
        Assert.Equal(("draft", null, 26.18m), (draft!.Status, draft.Number, draft.Total));

        // Ten calls of January 31 arrive late, inside the grace period: the draft takes them.
        await UseAsync(10, At(2027, 1, 31, 20), TimeSpan.FromMinutes(1));
        Assert.Equal("updated", (await RunAsync(At(2027, 2, 2))).Results.Single().Action);

        // After the grace period the next run finalizes January with the first number.
        var finalizing = await RunAsync(At(2027, 2, 4, 6));
        var jan = await world.Invoices.FindAsync(world.Tenant, finalizing.Results.Single().InvoiceId!.Value);
        Assert.Equal(("finalized", "INV-000001", 160L), (jan!.Status, jan.Number, jan.Events));
        AssertLines(jan,
            ("fee", "platform", 17.00m, "recurring fee 31.00 × 0.548387 of the period (from 2027-01-15 00:00 UTC), billed in advance"),
            ("usage", "calls", 6.00m, "graduated: 100 × 0 (up to 100) + 60 × 0.10 (above 100)"),
            ("tax", "VAT 19%", 4.37m, "19% of 23.00, rounded half_up to 2 decimal(s)"));
        Assert.Equal((23.00m, 4.37m, 27.37m), (jan.Subtotal, jan.Tax, jan.Total));

        // Twenty more January calls arrive after finalization; February has 250.
        await UseAsync(20, At(2027, 1, 30), TimeSpan.FromMinutes(1));
        await UseAsync(250, At(2027, 2, 3), TimeSpan.FromHours(2));
        var february = await RunAsync(At(2027, 3, 5, 1));
        var feb = await world.Invoices.FindAsync(world.Tenant, february.Results.Single(r => r.Action == "finalized").InvoiceId!.Value);
        Assert.Equal(("INV-000002", 250L), (feb!.Number, feb.Events));
        AssertLines(feb,
            ("fee", "platform", 31.00m, "recurring fee, billed in advance"),
            ("usage", "calls", 15.00m, "graduated: 100 × 0 (up to 100) + 150 × 0.10 (above 100)"),
            ("true_up", "late usage for INV-000001", 2.00m, "INV-000001 re-rated with the usage stored now: 25.00 (180 events); invoiced 23.00 (160 events)"),
            ("tax", "VAT 19%", 9.12m, "19% of 48.00, rounded half_up to 2 decimal(s)"));
        Assert.Equal(jan.Id, feb.Lines.Single(l => l.Kind == "true_up").CorrectsInvoice);
        Assert.Equal(57.12m, feb.Total);
        // January itself never changed.
        var janLater = await world.Invoices.FindAsync(world.Tenant, jan.Id);
        Assert.Equal(jan with { Lines = [] }, janLater! with { Lines = [] });
        Assert.Equal(jan.Lines, janLater.Lines);

        // March 11: version 2 doubles the fee and halves the call price; the subscription moves to it.
        await plans.UpdateDraftAsync(world.Tenant, plan.Id, PlanV1.Replace("31.00", "62.00", StringComparison.Ordinal).Replace("0.10", "0.05", StringComparison.Ordinal), "ana");
        await plans.PublishAsync(world.Tenant, plan.Id, "new prices", "typed", "ana");
        await UseAsync(120, At(2027, 3, 2), TimeSpan.FromHours(1));
        world.Clock.MoveTo(At(2027, 3, 10));
        await world.Services.GetRequiredService<SubscriptionMigrator>().MigrateAsync(world.Tenant, first.Id, 2, At(2027, 3, 11), "ana");
        await UseAsync(300, At(2027, 3, 12), TimeSpan.FromHours(1));

        var march = await RunAsync(At(2027, 4, 5));
        var marchInvoices = await world.Invoices.ListAsync(world.Tenant, new InvoiceQuery(ConsumerId: consumer.Id, From: At(2027, 3, 1), To: At(2027, 4, 1)));
        Assert.Equal(["finalized", "finalized"], march.Results.Select(r => r.Action));
        var (before, after) = (marchInvoices[0], marchInvoices[1]);
        Assert.Equal(("INV-000003", 1, 120L, At(2027, 3, 1), At(2027, 3, 11)), (before.Number, before.PlanVersion, before.Events, before.Period.Start, before.Period.End));
        AssertLines(before,
            ("fee", "platform", 10.00m, "recurring fee 31.00 × 0.322581 of the period (until 2027-03-11 00:00 UTC), billed in advance"),
            ("usage", "calls", 2.00m, "graduated: 100 × 0 (up to 100) + 20 × 0.10 (above 100)"),
            ("tax", "VAT 19%", 2.28m, "19% of 12.00, rounded half_up to 2 decimal(s)"));
        Assert.Equal(("INV-000004", 2, 300L, At(2027, 3, 11), At(2027, 4, 1)), (after.Number, after.PlanVersion, after.Events, after.Period.Start, after.Period.End));
        AssertLines(after,
            ("fee", "platform", 42.00m, "recurring fee 62.00 × 0.677419 of the period (from 2027-03-11 00:00 UTC), billed in advance"),
            ("usage", "calls", 10.00m, "graduated: 100 × 0 (up to 100) + 200 × 0.05 (above 100)"),
            ("tax", "VAT 19%", 9.88m, "19% of 52.00, rounded half_up to 2 decimal(s)"));
        Assert.Equal((14.28m, 61.88m), (before.Total, after.Total));

        // Running again changes nothing: every period has its one invoice.
        var again = await RunAsync(At(2027, 4, 6));
        Assert.All(again.Results, r => Assert.Equal("unchanged", r.Action));
        Assert.Equal(4, (await world.Invoices.ListAsync(world.Tenant, new InvoiceQuery(ConsumerId: consumer.Id))).Count);
    }

    private async Task<BillingRun> RunAsync(DateTimeOffset now)
    {
        var run = await world.RunAsync(now);
        Assert.Equal("succeeded", run.Status);
        return run;
    }

    private Task UseAsync(int calls, DateTimeOffset from, TimeSpan spread) => world.UseAsync("initech", calls, from, spread);

    private static void AssertLines(Invoice invoice, params (string Kind, string Description, decimal Amount, string Explanation)[] expected) =>
        Assert.Equal(expected, invoice.Lines.Select(l => (l.Kind, l.Description, l.RoundedAmount, l.Explanation)));

}
