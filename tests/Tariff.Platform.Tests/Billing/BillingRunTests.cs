using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tariff.Engine.Usage;
using Tariff.Platform.Billing;
using Tariff.Platform.Catalog;
using Tariff.Platform.Ingest;
using Tariff.Platform.Tests.Metering;
using Tariff.Platform.Usage;
using static Tariff.Platform.Tests.Billing.BillingWorld;

namespace Tariff.Platform.Tests.Billing;

/// <summary>Billing runs stopped and rerun, run twice at once, run dry; credit notes; trials; DST; immutability.</summary>
public sealed class BillingRunTests : IAsyncLifetime
{
    /// <summary>10 USD a month and 0.25 a call: what late-usage tests price too.</summary>
    internal const string PerCallPlan = """
        meter calls {
            count
        }

        plan metered {
            currency USD
            fee base 10.00 recurring
            charge calls {
                per unit 0.25
            }
        }
        """;

    private BillingWorld world = null!;

    public async Task InitializeAsync() => world = await BillingWorld.CreateAsync("billing_runs");

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task FeeInAdvance_IsInvoicedWhenItsPeriodStarts_DryRunFirst_AndCanceledMidPeriodCreditsTheRest()
    {
        var plan = await world.PublishPlanAsync("licence", """
            plan licence {
                currency USD
                fee seat 28.00 recurring in advance
                fee onboarding 100.00 once in advance
            }
            """);
        var (_, subscription) = await world.SubscribeAsync("c1", plan, At(2027, 2, 1));

        var dry = await world.RunAsync(At(2027, 2, 1, 9), dryRun: true);
        var preview = Assert.Single(dry.Results);
        Assert.Equal(("would_create", 128.00m), (preview.Action, preview.Total));
        Assert.Empty(await world.Invoices.ListAsync(world.Tenant, new InvoiceQuery()));

        var february = Assert.Single((await world.RunAsync(At(2027, 2, 1, 9))).Results);
        // The rest of February and the start of March: March's fee, and nothing at February's end (the plan bills nothing in arrears).
        var march = Assert.Single((await world.RunAsync(At(2027, 3, 1, 9))).Results);
        await world.Services.GetRequiredService<SubscriptionService>().CancelAsync(world.Tenant, subscription.Id, At(2027, 3, 8));
        // March has 31 days: the 7 used cost 28.00 × 7/31 = 6.32, and 21.68 comes back.
        var canceled = Assert.Single((await world.RunAsync(At(2027, 3, 8, 9))).Results);
        var again = await world.RunAsync(At(2027, 3, 9));

        Assert.Equal(("finalized", "INV-000001", 128.00m), (february.Action, february.Number, february.Total));
        Assert.Equal(("finalized", "INV-000002", 28.00m), (march.Action, march.Number, march.Total));
        Assert.Equal(("credit_note", "CN-000001", -21.68m), (canceled.Action, canceled.Number, canceled.Total));
        var note = await world.Invoices.FindAsync(world.Tenant, canceled.InvoiceId!.Value);
        Assert.Equal(("unused fees billed in advance on INV-000002", -21.68m), (note!.Lines.Single().Description, note.Lines.Single().Amount));
        Assert.Empty(again.Results);
        var invoices = await world.Invoices.ListAsync(world.Tenant, new InvoiceQuery(Kind: InvoiceKinds.Invoice));
        Assert.Equal([(At(2027, 2, 1), true), (At(2027, 3, 1), true)], invoices.Select(i => (i.Period.Start, i.InAdvance)));
    }

    [Fact]
    public async Task Rerun_AfterARunStoppedHalfWay_MakesEachInvoiceOnceWithNumbersWithoutGaps()
    {
        var plan = await world.PublishPlanAsync("metered", PerCallPlan);
        for (var i = 0; i < 12; i++)
        {
            await world.SubscribeAsync($"c{i:D2}", plan, At(2027, 1, 1));
            await world.UseAsync($"c{i:D2}", i + 1, At(2027, 1, 10), TimeSpan.FromHours(1));
        }

        using var stop = new CancellationTokenSource();
        var stopping = world.AddInstance(services => services.AddSingleton<IUsageStore>(provider =>
            new StoppingUsageStore(ActivatorUtilities.CreateInstance<PostgresUsageStore>(provider), readsBeforeStop: 6, stop)));
        world.Clock.MoveTo(At(2027, 2, 10));
        ((Testing.FakeTimeProvider)stopping.GetRequiredService<TimeProvider>()).MoveTo(At(2027, 2, 10));
        await stopping.GetRequiredService<BillingInstance>().BeatAsync();
        var request = new BillingRunRequest(At(2027, 2, 10), [], [], DryRun: false, "schedule", "scheduler");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stopping.GetRequiredService<BillingRunner>().RunAsync(world.Tenant, request));
        var afterStop = await world.Invoices.ListAsync(world.Tenant, new InvoiceQuery());
        var stopped = (await world.Services.GetRequiredService<BillingRunStore>().PageAsync(world.Tenant, 0, 10)).Single();
        // The other process notices only once the stopped one has missed its heartbeats for AbandonedAfter (2 minutes).
        var watch = world.Services.GetRequiredService<BillingInstanceWatch>();
        await watch.RunOnceAsync();
        var stillRunning = await world.Services.GetRequiredService<BillingRunStore>().FindAsync(world.Tenant, stopped.Id);
        world.Clock.Advance(TimeSpan.FromMinutes(3));
        await watch.RunOnceAsync();
        var abandoned = await world.Services.GetRequiredService<BillingRunStore>().FindAsync(world.Tenant, stopped.Id);
        var rerun = await world.Runner.RunAsync(world.Tenant, request);
        var invoices = await world.Invoices.ListAsync(world.Tenant, new InvoiceQuery());

        Assert.Equal(5, afterStop.Count);
        Assert.Equal("running", stillRunning!.Status);
        Assert.Equal(("failed", At(2027, 2, 10).AddMinutes(3)), (abandoned!.Status, abandoned.FinishedAt));
        Assert.Equal("interrupted: the process carrying out this run stopped (killed or lost) after 5 of 12 subscription(s); invoices already made are kept, "
            + "and a new run bills the rest, each invoice once.", abandoned.Error);
        Assert.Equal("succeeded", rerun.Status);
        Assert.Equal(Enumerable.Range(1, 12).Select(n => $"INV-{n:D6}"), invoices.Select(i => i.Number).Order());
        Assert.Equal(12, invoices.Select(i => i.SubscriptionId).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 12).Select(calls => 10.00m + (calls * 0.25m)), invoices.Select(i => i.Total).Order());
        Assert.Equal(afterStop.Select(i => i.Number), invoices.Where(i => afterStop.Any(a => a.Id == i.Id)).Select(i => i.Number));
    }

    [Fact]
    public async Task TwoInstances_BillingTheSamePeriodAtOnce_BillEachPeriodOnce()
    {
        var plan = await world.PublishPlanAsync("metered", PerCallPlan);
        for (var i = 0; i < 10; i++)
        {
            await world.SubscribeAsync($"c{i:D2}", plan, At(2027, 1, 1));
            await world.UseAsync($"c{i:D2}", 4, At(2027, 1, 10), TimeSpan.FromHours(1));
        }

        var second = world.AddInstance();
        world.Clock.MoveTo(At(2027, 2, 10));
        ((Testing.FakeTimeProvider)second.GetRequiredService<TimeProvider>()).MoveTo(At(2027, 2, 10));
        var request = new BillingRunRequest(At(2027, 2, 10), [], [], DryRun: false, "schedule", "scheduler");

        var runs = await Task.WhenAll(
            Task.Run(() => world.Runner.RunAsync(world.Tenant, request)),
            Task.Run(() => second.GetRequiredService<BillingRunner>().RunAsync(world.Tenant, request)));
        var invoices = await world.Invoices.ListAsync(world.Tenant, new InvoiceQuery());

        Assert.All(runs, run => Assert.Equal("succeeded", run.Status));
        Assert.Equal(Enumerable.Range(1, 10).Select(n => $"INV-{n:D6}"), invoices.Select(i => i.Number).Order());
        Assert.All(invoices, i => Assert.Equal(11.00m, i.Total));
        // Between them the two runs created each invoice once.
        Assert.Equal(10, runs.SelectMany(r => r.Results).Count(r => r.Action == "finalized"));
    }

    [Fact]
    public async Task DryRun_ShowsTheInvoiceItWouldMakeBesideThePreviousOneAndStoresNothing()
    {
        var plan = await world.PublishPlanAsync("metered", PerCallPlan);
        await world.SubscribeAsync("c1", plan, At(2027, 1, 1));
        await world.UseAsync("c1", 8, At(2027, 1, 5), TimeSpan.FromHours(1));
        await world.UseAsync("c1", 20, At(2027, 2, 5), TimeSpan.FromHours(1));
        await world.RunAsync(At(2027, 2, 10));

        var dry = await world.RunAsync(At(2027, 3, 1, 1), dryRun: true);

        var result = dry.Results.Single();
        Assert.Equal(("would_create", 15.00m, 12.00m), (result.Action, result.Total, result.PreviousTotal));
        Assert.Equal([("fee", 10.00m), ("usage", 5.00m)], result.Preview!.Lines.Select(l => (l.Kind, l.RoundedAmount)));
        Assert.Single(await world.Invoices.ListAsync(world.Tenant, new InvoiceQuery()));
        Assert.True((await world.Services.GetRequiredService<BillingRunStore>().FindAsync(world.Tenant, dry.Id))!.DryRun);
    }

    [Fact]
    public async Task UsageInAFinalizedPeriod_IsAcceptedAndFlaggedLate_UsageInAnOpenPeriodIsNot()
    {
        var plan = await world.PublishPlanAsync("metered", PerCallPlan);
        await world.SubscribeAsync("c1", plan, At(2027, 1, 1));
        Assert.Equal("finalized", (await world.RunAsync(At(2027, 2, 10))).Results.Single().Action);

        var report = await world.Ingest().IngestAsync(world.Tenant,
        [
            DecodedEvent.Read(0, new UsageEvent("january", At(2027, 1, 20), "gw-c1", "kong")),
            DecodedEvent.Read(1, new UsageEvent("february", At(2027, 2, 9), "gw-c1", "kong")),
            DecodedEvent.Read(2, new UsageEvent("nobody-january", At(2027, 1, 20), "gw-nobody", "kong")),
        ]);

        // January's invoice is final: its late event reaches the consumer as a true-up. Nobody owns gw-nobody yet, so
        // no invoice of it is final, and the window (35 days) has not passed.
        Assert.Equal([("accepted", true), ("accepted", false), ("accepted", false)], report.Events.Select(e => (e.Status, e.Late)));
    }

    [Fact]
    public async Task LateUsageThatLowersTheRating_BecomesOneCreditNoteAndTheInvoiceStaysAsItWas()
    {
        var plan = await world.PublishPlanAsync("volume", """
            meter calls {
                count
            }

            plan tiered {
                currency USD
                charge calls {
                    volume {
                        up to 100 at 0.10
                        above at 0.05
                    }
                }
            }
            """);
        await world.SubscribeAsync("c1", plan, At(2027, 1, 1));
        await world.UseAsync("c1", 100, At(2027, 1, 5), TimeSpan.FromHours(1));
        var january = (await world.RunAsync(At(2027, 2, 10))).Results.Single();
        await world.UseAsync("c1", 50, At(2027, 1, 20), TimeSpan.FromHours(1));

        var rerated = await world.RunAsync(At(2027, 2, 15));
        var again = await world.RunAsync(At(2027, 2, 16));

        var note = await world.Invoices.FindAsync(world.Tenant, rerated.Results.Single(r => r.Action == "credit_note").InvoiceId!.Value);
        Assert.Equal(("credit_note", "CN-000001", "finalized", january.InvoiceId, -2.50m), (note!.Kind, note.Number, note.Status, note.CorrectsInvoice, note.Total));
        Assert.Equal("INV-000001 re-rated with the usage stored now: 7.50 (150 events); invoiced 10.00 (100 events)", note.Lines.Single().Explanation);
        Assert.Equal(10.00m, (await world.Invoices.FindAsync(world.Tenant, january.InvoiceId!.Value))!.Total);
        Assert.DoesNotContain(again.Results, r => r.Action == "credit_note");
    }

    [Fact]
    public async Task TrialEndingMidPeriod_ChargesTheFeeOnlyForTheRest()
    {
        var plan = await world.PublishPlanAsync("trial", PerCallPlan.Replace("currency USD", "currency USD\n    trial 14 days", StringComparison.Ordinal)
            .Replace("10.00", "30.00", StringComparison.Ordinal));
        await world.SubscribeAsync("c1", plan, At(2027, 4, 1));

        var april = (await world.RunAsync(At(2027, 5, 10))).Results.Single();

        var invoice = await world.Invoices.FindAsync(world.Tenant, april.InvoiceId!.Value);
        var fee = invoice!.Lines.Single(l => l.Kind == "fee");
        Assert.Equal((16.00m, "recurring fee 30.00 × 0.533333 of the period (after the trial ending 2027-04-15 00:00 UTC), billed in arrears"),
            (fee.RoundedAmount, fee.Explanation));
    }

    [Fact]
    public async Task ConsumerInBerlin_EventsAroundLocalMidnightOfTheSpringChange_LandOnTheirLocalMonth()
    {
        var plan = await world.PublishPlanAsync("metered", PerCallPlan);
        await world.SubscribeAsync("c1", plan, At(2027, 3, 1), "Europe/Berlin");
        // 21:30 UTC on March 31 is 23:30 in Berlin (CEST); 22:30 UTC is already April 1, 00:30.
        await world.UseAsync("c1", 3, At(2027, 3, 31, 21).AddMinutes(30), TimeSpan.FromMinutes(3));
        await world.UseAsync("c1", 5, At(2027, 3, 31, 22).AddMinutes(30), TimeSpan.FromMinutes(5));

        await world.RunAsync(At(2027, 5, 10));

        var invoices = await world.Invoices.ListAsync(world.Tenant, new InvoiceQuery());
        Assert.Equal([(At(2027, 3, 1), At(2027, 3, 31, 22), 3L), (At(2027, 3, 31, 22), At(2027, 4, 30, 22), 5L)],
            invoices.Select(i => (i.Period.Start, i.Period.End, i.Events)));
        Assert.Equal("recurring fee 10.00 × 0.998654 of the period (from 2027-03-01 01:00 Europe/Berlin), billed in arrears",
            invoices[0].Lines[0].Explanation);
    }

    [Fact]
    public async Task FinalizedInvoice_RefusesEveryChangeEvenInSqlButTakesPaymentOnce()
    {
        var plan = await world.PublishPlanAsync("metered", PerCallPlan);
        await world.SubscribeAsync("c1", plan, At(2027, 1, 1));
        var invoiceId = (await world.RunAsync(At(2027, 2, 10))).Results.Single().InvoiceId!.Value;
        await using var dataSource = NpgsqlDataSource.Create(world.Database.ConnectionString);

        await Assert.ThrowsAsync<PostgresException>(() => Execute(dataSource, $"UPDATE invoices SET total = 0 WHERE id = '{invoiceId}'"));
        await Assert.ThrowsAsync<PostgresException>(() => Execute(dataSource, $"DELETE FROM invoice_lines WHERE invoice_id = '{invoiceId}'"));
        await Assert.ThrowsAsync<PostgresException>(() => Execute(dataSource, $"DELETE FROM invoices WHERE id = '{invoiceId}'"));
        var paid = await world.Invoices.MarkPaidAsync(world.Tenant, invoiceId);
        await Assert.ThrowsAsync<InvoiceStateException>(() => world.Invoices.VoidAsync(world.Tenant, invoiceId));
        await Assert.ThrowsAsync<InvoiceStateException>(() => world.Invoices.FinalizeAsync(world.Tenant, invoiceId));

        Assert.Equal(("paid", 10.00m), (paid!.Status, (await world.Invoices.FindAsync(world.Tenant, invoiceId))!.Total));
        Assert.Null(await world.Invoices.MarkPaidAsync(Guid.NewGuid(), invoiceId));
    }

    private static async Task Execute(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
