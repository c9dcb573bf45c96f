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

        // January 15: the fee is billed in advance, for the 17 days of January the subscription covers, at once.
        var opening = await RunAsync(At(2027, 1, 15, 12));
        var janFee = await InvoiceOfAsync(opening.Results.Single());
        Assert.Equal(("finalized", "INV-000001", true, At(2027, 1, 15), At(2027, 2, 1)),
            (janFee.Status, janFee.Number, janFee.InAdvance, janFee.Period.Start, janFee.Period.End));
        AssertLines(janFee,
            ("fee", "platform", 17.00m, "recurring fee 31.00 × 0.548387 of the period (from 2027-01-15 00:00 UTC), billed in advance"),
            ("tax", "VAT 19%", 3.23m, "19% of 17.00, rounded half_up to 2 decimal(s)"));
        Assert.Equal(20.23m, janFee.Total);

        // January: 150 calls. The run on February 1 bills February's fee, and makes January's usage a draft that the
        // grace period keeps open.
        await UseAsync(150, At(2027, 1, 16), TimeSpan.FromHours(1));
        var january = await RunAsync(At(2027, 2, 1, 12));
        Assert.Equal(["finalized", "created"], january.Results.Select(r => r.Action));
        var febFee = await InvoiceOfAsync(january.Results[0]);
        Assert.Equal(("INV-000002", true, At(2027, 2, 1), 36.89m), (febFee.Number, febFee.InAdvance, febFee.Period.Start, febFee.Total));
        AssertLines(febFee,
            ("fee", "platform", 31.00m, "recurring fee, billed in advance"),
            ("tax", "VAT 19%", 5.89m, "19% of 31.00, rounded half_up to 2 decimal(s)"));
        var draft = await InvoiceOfAsync(january.Results[1]);
        Assert.Equal(("draft", null, false, 5.95m), (draft.Status, draft.Number, draft.InAdvance, draft.Total));

        // Ten calls of January 31 arrive late, inside the grace period: the draft takes them.
        await UseAsync(10, At(2027, 1, 31, 20), TimeSpan.FromMinutes(1));
        Assert.Equal("updated", (await RunAsync(At(2027, 2, 2))).Results.Single().Action);

        // After the grace period the next run finalizes January's usage with the next number.
        var finalizing = await RunAsync(At(2027, 2, 4, 6));
        var jan = await InvoiceOfAsync(finalizing.Results.Single());
        Assert.Equal(("finalized", "INV-000003", 160L), (jan.Status, jan.Number, jan.Events));
        AssertLines(jan,
            ("usage", "calls", 6.00m, "graduated: 100 × 0 (up to 100) + 60 × 0.10 (above 100)"),
            ("tax", "VAT 19%", 1.14m, "19% of 6.00, rounded half_up to 2 decimal(s)"));
        Assert.Equal((6.00m, 1.14m, 7.14m), (jan.Subtotal, jan.Tax, jan.Total));

        // Twenty more January calls arrive after finalization; February has 250. The run of March 5 bills March's fee
        // and February's usage, with January's late usage as a true-up.
        await UseAsync(20, At(2027, 1, 30), TimeSpan.FromMinutes(1));
        await UseAsync(250, At(2027, 2, 3), TimeSpan.FromHours(2));
        var february = await RunAsync(At(2027, 3, 5, 1));
        Assert.Equal(["finalized", "finalized"], february.Results.Select(r => r.Action));
        var marFee = await InvoiceOfAsync(february.Results[0]);
        Assert.Equal(("INV-000004", true, At(2027, 3, 1), At(2027, 4, 1), 36.89m),
            (marFee.Number, marFee.InAdvance, marFee.Period.Start, marFee.Period.End, marFee.Total));
        var feb = await InvoiceOfAsync(february.Results[1]);
        Assert.Equal(("INV-000005", false, 250L), (feb.Number, feb.InAdvance, feb.Events));
        AssertLines(feb,
            ("usage", "calls", 15.00m, "graduated: 100 × 0 (up to 100) + 150 × 0.10 (above 100)"),
            ("true_up", "late usage for INV-000003", 2.00m, "INV-000003 re-rated with the usage stored now: 8.00 (180 events); invoiced 6.00 (160 events)"),
            ("tax", "VAT 19%", 3.23m, "19% of 17.00, rounded half_up to 2 decimal(s)"));
        Assert.Equal(jan.Id, feb.Lines.Single(l => l.Kind == "true_up").CorrectsInvoice);
        Assert.Equal(20.23m, feb.Total);
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

        // April 5: the old version's March fee, paid in advance for the whole month, is credited for the 21 days it no
        // longer covers; its usage until March 11 is billed. The new version bills its fee for the rest of March and
        // for April in advance, and its March usage.
        var march = await RunAsync(At(2027, 4, 5));
        Assert.Equal(["credit_note", "finalized", "finalized", "finalized", "finalized"], march.Results.Select(r => r.Action));
        var credit = await InvoiceOfAsync(march.Results[0]);
        Assert.Equal(("CN-000001", marFee.Id, "fees billed in advance for time no longer covered", -24.99m),
            (credit.Number, credit.CorrectsInvoice, credit.Reason, credit.Total));
        AssertLines(credit,
            ("credit", "unused fees billed in advance on INV-000004", -21.00m,
                "INV-000004 billed fees in advance for 2027-03-01 00:00 – 2027-04-01 00:00 UTC; for the part the subscription covers now, 2027-03-01 00:00 – 2027-03-11 00:00 UTC: 10.00; invoiced 31.00"),
            ("tax", "VAT 19%", -3.99m, "19% of -21.00, rounded half_up to 2 decimal(s)"));
        var before = await InvoiceOfAsync(march.Results[1]);
        Assert.Equal(("INV-000006", 1, 120L, At(2027, 3, 1), At(2027, 3, 11)), (before.Number, before.PlanVersion, before.Events, before.Period.Start, before.Period.End));
        AssertLines(before,
            ("usage", "calls", 2.00m, "graduated: 100 × 0 (up to 100) + 20 × 0.10 (above 100)"),
            ("tax", "VAT 19%", 0.38m, "19% of 2.00, rounded half_up to 2 decimal(s)"));
        var (restOfMarch, april, after) = (await InvoiceOfAsync(march.Results[2]), await InvoiceOfAsync(march.Results[3]), await InvoiceOfAsync(march.Results[4]));
        Assert.Equal(("INV-000007", 2, true, At(2027, 3, 11), At(2027, 4, 1)),
            (restOfMarch.Number, restOfMarch.PlanVersion, restOfMarch.InAdvance, restOfMarch.Period.Start, restOfMarch.Period.End));
        AssertLines(restOfMarch,
            ("fee", "platform", 42.00m, "recurring fee 62.00 × 0.677419 of the period (from 2027-03-11 00:00 UTC), billed in advance"),
            ("tax", "VAT 19%", 7.98m, "19% of 42.00, rounded half_up to 2 decimal(s)"));
        Assert.Equal(("INV-000008", true, At(2027, 4, 1), 73.78m), (april.Number, april.InAdvance, april.Period.Start, april.Total));
        Assert.Equal(("INV-000009", 2, false, 300L, At(2027, 3, 11), At(2027, 4, 1)),
            (after.Number, after.PlanVersion, after.InAdvance, after.Events, after.Period.Start, after.Period.End));
        AssertLines(after,
            ("usage", "calls", 10.00m, "graduated: 100 × 0 (up to 100) + 200 × 0.05 (above 100)"),
            ("tax", "VAT 19%", 1.90m, "19% of 10.00, rounded half_up to 2 decimal(s)"));
        Assert.Equal((2.38m, 49.98m, 11.90m), (before.Total, restOfMarch.Total, after.Total));

        // Running again changes nothing: every period has its invoices, and the credit is not given twice.
        var again = await RunAsync(At(2027, 4, 6));
        Assert.Empty(again.Results);
        Assert.Equal(10, (await world.Invoices.ListAsync(world.Tenant, new InvoiceQuery(ConsumerId: consumer.Id))).Count);
    }

    private async Task<Invoice> InvoiceOfAsync(BillingRunResult result) =>
        (await world.Invoices.FindAsync(world.Tenant, result.InvoiceId!.Value))!;

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
