using Microsoft.Extensions.DependencyInjection;
using Tariff.Platform.Billing;
using Tariff.Platform.Catalog;
using static Tariff.Platform.Tests.Billing.BillingWorld;

namespace Tariff.Platform.Tests.Billing;

/// <summary>
/// Late usage of a finalized invoice reaches the consumer exactly once, whether or not a later invoice of the
/// subscription can carry it: a true-up line on the next draft, or a debit note when the subscription has ended or
/// its next invoice comes after the late-usage window (35 days, with a grace period of 3).
/// </summary>
public sealed class LateUsageCorrectionTests : IAsyncLifetime
{
    private const string Monthly = BillingRunTests.PerCallPlan;

    private BillingWorld world = null!;

    public async Task InitializeAsync() => world = await BillingWorld.CreateAsync("late_usage");

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task LateUsageAfterAnEndedSubscriptionsLastInvoice_IsChargedOnOneDebitNote()
    {
        var (_, subscription) = await world.SubscribeAsync("c1", await world.PublishPlanAsync("monthly", Monthly), At(2027, 1, 1));
        await world.Services.GetRequiredService<SubscriptionService>().CancelAsync(world.Tenant, subscription.Id, At(2027, 2, 1));
        await world.UseAsync("c1", 40, At(2027, 1, 5), TimeSpan.FromHours(1));
        var january = (await world.RunAsync(At(2027, 2, 10))).Results.Single();
        Assert.Equal(("finalized", "INV-000001", 20.00m), (january.Status, january.Number, january.Total));

        await world.UseAsync("c1", 8, At(2027, 1, 30), TimeSpan.FromHours(1));
        var dry = await world.RunAsync(At(2027, 2, 15), dryRun: true);
        var charged = await world.RunAsync(At(2027, 2, 15));
        var again = await world.RunAsync(At(2027, 2, 16));

        Assert.Equal(("would_debit", 2.00m), (dry.Results.Single().Action, dry.Results.Single().Total));
        var note = await world.Invoices.FindAsync(world.Tenant, charged.Results.Single(r => r.Action == "debit_note").InvoiceId!.Value);
        Assert.Equal(("debit_note", "DN-000001", "finalized", january.InvoiceId, 2.00m), (note!.Kind, note.Number, note.Status, note.CorrectsInvoice, note.Total));
        var line = note.Lines.Single();
        Assert.Equal((InvoiceLine.TrueUpKind, "late usage for INV-000001", january.InvoiceId), (line.Kind, line.Description, line.CorrectsInvoice));
        Assert.Equal("INV-000001 re-rated with the usage stored now: 22.00 (48 events); invoiced 20.00 (40 events)", line.Explanation);
        Assert.DoesNotContain(again.Results, r => r.Action == "debit_note");
        Assert.Equal(20.00m, (await world.Invoices.FindAsync(world.Tenant, january.InvoiceId!.Value))!.Total);
        Assert.Equal([note.Id], (await world.Invoices.NotesOfAsync(world.Tenant, january.InvoiceId!.Value)).Select(n => n.Id));

        // A run that computed the same correction before this note was issued finds it under the invoice's lock and issues nothing.
        var stale = await world.Invoices.IssueCorrectionAsync(world.Tenant, InvoiceKinds.DebitNote,
            (await world.Invoices.FindAsync(world.Tenant, january.InvoiceId!.Value))!, [line with { Position = 0 }], "usage added after finalization",
            charged.Id, correctedSoFar: 0m);
        Assert.Null(stale);
    }

    [Fact]
    public async Task LateUsageOfAYearlyPlan_IsChargedOnADebitNoteRatherThanWaitingForNextYearsInvoice()
    {
        var yearly = Monthly.Replace("currency USD", "currency USD\n    period year", StringComparison.Ordinal);
        await world.SubscribeAsync("c1", await world.PublishPlanAsync("yearly", yearly), At(2027, 1, 1));
        await world.UseAsync("c1", 100, At(2027, 3, 1), TimeSpan.FromDays(200));
        var year = (await world.RunAsync(At(2028, 1, 10))).Results.Single();
        Assert.Equal(("finalized", 35.00m), (year.Status, year.Total));

        await world.UseAsync("c1", 4, At(2027, 12, 31), TimeSpan.FromHours(1));
        var charged = await world.RunAsync(At(2028, 1, 20));

        var result = charged.Results.Single();
        Assert.Equal(("debit_note", "DN-000001", 1.00m), (result.Action, result.Number, result.Total));
    }

    [Fact]
    public async Task TrueUpOnADraft_StaysWhenTheInvoiceItCorrectsLeavesTheWindowBeforeTheDraftIsFinalized()
    {
        await world.SubscribeAsync("c1", await world.PublishPlanAsync("monthly", Monthly), At(2027, 1, 1));
        await world.UseAsync("c1", 40, At(2027, 1, 5), TimeSpan.FromHours(1));
        Assert.Equal("INV-000001", (await world.RunAsync(At(2027, 2, 5))).Results.Single().Number);

        // February's invoice is finalized by March 4, inside January's window (until March 8): the late usage waits for it.
        await world.UseAsync("c1", 8, At(2027, 1, 30), TimeSpan.FromHours(1));
        Assert.Empty((await world.RunAsync(At(2027, 2, 10))).Results);
        await world.UseAsync("c1", 10, At(2027, 2, 10), TimeSpan.FromHours(1));
        var draft = (await world.RunAsync(At(2027, 3, 1, 12))).Results.Single(r => r.Action == "created");
        Assert.Equal(14.50m, draft.Total);

        // No run until March 9: January has left the window, but the true-up already on February's draft is kept.
        var march9 = await world.RunAsync(At(2027, 3, 9));
        var february = await world.Invoices.FindAsync(world.Tenant, march9.Results.Single(r => r.Action == "finalized").InvoiceId!.Value);
        Assert.Equal(("INV-000002", 14.50m), (february!.Number, february.Total));
        Assert.Equal([("fee", 10.00m), ("usage", 2.50m), ("true_up", 2.00m)], february.Lines.Select(l => (l.Kind, l.RoundedAmount)));
        Assert.DoesNotContain(march9.Results, r => r.Action == "debit_note");
    }
}
