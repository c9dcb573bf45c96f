using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tariff.Engine.Usage;
using Tariff.Platform.Alerts;
using Tariff.Platform.Catalog;
using Tariff.Platform.Metering;
using Tariff.Platform.Tests.Billing;
using Tariff.Platform.Tests.Metering;
using Tariff.Platform.Wallets;
using static Tariff.Platform.Tests.Billing.BillingWorld;

namespace Tariff.Platform.Tests.Wallets;

/// <summary>
/// Prepaid credit on a fake clock against the real PostgreSQL: blocks consumed by finalized invoices in priority and
/// expiry order, expiry written off, the ledger summing to the balance; usage burning the balance down as it is
/// ingested, with low-balance alerts and automatic recharges within their monthly maximum.
/// </summary>
public sealed class WalletTests : IAsyncLifetime
{
    private const string Plan = """
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
    private Consumer consumer = null!;
    private int sent;

    public async Task InitializeAsync()
    {
        world = await BillingWorld.CreateAsync("wallets");
        var plan = await world.PublishPlanAsync("api", Plan);
        world.Clock.MoveTo(At(2027, 3, 1));
        (consumer, _) = await world.SubscribeAsync("initech", plan, At(2027, 3, 1));
    }

    public async Task DisposeAsync() => await world.DisposeAsync();

    private WalletService Wallets => world.Services.GetRequiredService<WalletService>();

    private WalletMonitor Monitor => world.Services.GetRequiredService<WalletMonitor>();

    [Fact]
    public async Task FeeBilledInAdvance_TakesCreditWhenThePeriodStarts_AndTheUsageSoFarDoesNotCountItAgain()
    {
        var plan = await world.PublishPlanAsync("prepaid", Plan.Replace("plan api", "plan prepaid", StringComparison.Ordinal)
            .Replace("recurring", "recurring in advance", StringComparison.Ordinal));
        var (acme, _) = await world.SubscribeAsync("acme", plan, At(2027, 3, 1));
        var wallet = await Wallets.CreateAsync(world.Tenant, acme.Id, "eur", new WalletSettings());
        await Wallets.AddCreditAsync(world.Tenant, wallet.Id, new WalletCreditRequest("top_up", 50.00m));

        await world.RunAsync(At(2027, 3, 1, 12));
        world.Clock.MoveTo(At(2027, 3, 3));
        await world.SendAsync([.. Enumerable.Range(0, 50).Select(i => new UsageEvent($"acme-{i}", At(2027, 3, 2), "gw-acme", "kong"))]);
        await world.Services.GetRequiredService<MeteringWorker>().RunOnceAsync();
        var balance = (await Wallets.BalanceAsync(world.Tenant, wallet.Id))!;

        // March's fee of 10.00 was invoiced, and paid from credit, on March 1; what is pending is the 50 calls since.
        Assert.Equal((40.00m, 5.00m, 35.00m), (balance.Balance, balance.Pending, balance.Ongoing));
    }

    [Fact]
    public async Task FinalizedInvoices_ConsumeCreditByPriorityThenExpiry_ExpiredCreditIsWrittenOff_AndTheLedgerSumsToTheBalance()
    {
        var wallet = await Wallets.CreateAsync(world.Tenant, consumer.Id, "eur", new WalletSettings());
        var later = await GrantAsync(wallet, 5.00m, priority: 10, expires: At(2027, 6, 1));
        var bought = (await Wallets.AddCreditAsync(world.Tenant, wallet.Id, new WalletCreditRequest("top_up", 20.00m, Reference: "PO-7")))!;
        var sooner = await GrantAsync(wallet, 3.00m, priority: 10, expires: At(2027, 4, 10));
        var gone = await GrantAsync(wallet, 50.00m, priority: 0, expires: At(2027, 3, 15));

        // March: 100 calls; the run on April 1 leaves a draft of 20.00 in its grace period, which the balance already
        // counts, with April's fee of 10.00 so far.
        await world.UseAsync("initech", 100, At(2027, 3, 20), TimeSpan.FromHours(1));
        await world.RunAsync(At(2027, 4, 1, 12));
        var balance = (await Wallets.BalanceAsync(world.Tenant, wallet.Id))!;
        Assert.Equal((28.00m, 30.00m, -2.00m), (balance.Balance, balance.Pending, balance.Ongoing));
        Assert.Equal("expired", balance.Credits.Single(c => c.Id == gone.Id).State);

        // Finalized on April 5: the two priority-10 grants go first (the one expiring sooner before the other), then the top-up.
        var march = await FinalizedAsync(await world.RunAsync(At(2027, 4, 5)));
        Assert.Equal(("paid", 20.00m, 20.00m, 0m), (march.Status, march.Total, march.CreditApplied, march.AmountDue));
        var credits = (await Wallets.CreditsAsync(world.Tenant, wallet.Id)).ToDictionary(c => c.Id);
        Assert.Equal(("used", "used", "active", 12.00m - 4.00m), (credits[sooner.Id].State, credits[later.Id].State, credits[bought.Id].State, credits[bought.Id].Remaining));

        // April has no calls: its 10.00 fee takes the 8.00 left and leaves 2.00 to pay.
        var april = await FinalizedAsync(await world.RunAsync(At(2027, 5, 5)));
        Assert.Equal(("finalized", 10.00m, 8.00m, 2.00m), (april.Status, april.Total, april.CreditApplied, april.AmountDue));

        var ledger = await Wallets.LedgerAsync(world.Tenant, wallet.Id, before: null, limit: 100);
        Assert.Equal(
            [
                ("consumed", -8.00m, 0.00m, april.Id), ("consumed", -12.00m, 8.00m, march.Id), ("consumed", -5.00m, 20.00m, march.Id),
                ("consumed", -3.00m, 25.00m, march.Id), ("expired", -50.00m, 28.00m, (Guid?)null), ("funded", 50.00m, 78.00m, null),
                ("funded", 3.00m, 28.00m, null), ("funded", 20.00m, 25.00m, null), ("funded", 5.00m, 5.00m, null),
            ],
            ledger.Select(e => (e.Entry, e.Amount, e.Balance, e.InvoiceId)));
        Assert.Equal([sooner.Id, later.Id, bought.Id], ledger.Where(e => e.InvoiceId == march.Id).Reverse().Select(e => e.CreditId));
        Assert.Equal("invoice " + march.Number, ledger.First(e => e.InvoiceId == march.Id).Description);
        Assert.Equal(0m, (await Wallets.BalanceAsync(world.Tenant, wallet.Id))!.Balance);
    }

    [Fact]
    public async Task Ledger_IsAppendOnly_AndAFinalizedInvoiceKeepsItsCredit()
    {
        var wallet = await Wallets.CreateAsync(world.Tenant, consumer.Id, "EUR", new WalletSettings());
        await GrantAsync(wallet, 100.00m, priority: 100, expires: null);
        await world.UseAsync("initech", 10, At(2027, 3, 20), TimeSpan.FromHours(1));
        var march = await FinalizedAsync(await world.RunAsync(At(2027, 4, 5)));
        Assert.Equal(11.00m, march.CreditApplied);

        await using var connection = new NpgsqlConnection(world.Database.ConnectionString);
        await connection.OpenAsync();
        foreach (var change in new[]
        {
            "UPDATE wallet_ledger SET amount = 1",
            "DELETE FROM wallet_ledger",
            $"UPDATE invoices SET credit_applied = 0 WHERE id = '{march.Id}'",
        })
        {
            await using var command = new NpgsqlCommand(change, connection);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Equal(PostgresErrorCodes.IntegrityConstraintViolation, refused.SqlState);
        }
    }

    [Fact]
    public async Task CreditNotes_ReturnWhatCreditPaidFirstAndOnce_AndVoidingReturnsTheRest()
    {
        var wallet = await Wallets.CreateAsync(world.Tenant, consumer.Id, "EUR", new WalletSettings());
        await GrantAsync(wallet, 8.00m, priority: 100, expires: null);
        await world.UseAsync("initech", 10, At(2027, 3, 20), TimeSpan.FromHours(1));
        var march = await FinalizedAsync(await world.RunAsync(At(2027, 4, 5)));
        Assert.Equal(("finalized", 11.00m, 8.00m, 3.00m), (march.Status, march.Total, march.CreditApplied, march.AmountDue));
        var notes = world.Services.GetRequiredService<Tariff.Platform.Billing.CreditNotes>();

        // Credit paid 8.00 of 11.00: the first note goes back to the wallet in full, the second only as far as the 3.00 left.
        var first = (await notes.IssueAsync(world.Tenant, march.Id, 5.00m, "goodwill", "ana"))!;
        var second = (await notes.IssueAsync(world.Tenant, march.Id, 4.00m, "outage", "ana"))!;

        Assert.Equal((-5.00m, -5.00m, 0m), (first.Total, first.CreditApplied, first.AmountDue));
        Assert.Equal((-4.00m, -3.00m, -1.00m), (second.Total, second.CreditApplied, second.AmountDue));
        Assert.Equal(8.00m, (await Wallets.BalanceAsync(world.Tenant, wallet.Id))!.Balance);
        Assert.Equal([(3.00m, second.Number!), (5.00m, first.Number!)],
            (await Wallets.CreditsAsync(world.Tenant, wallet.Id)).Where(c => c.Kind == WalletCredit.Refund).Select(c => (c.Amount, c.Reference)).Order());
        var printed = Tariff.Platform.Billing.InvoiceHtml.Render(second, consumer, "Tariff");
        Assert.Contains("Returned to prepaid credit</td><td class=\"n\">3.00</td>", printed, StringComparison.Ordinal);
        Assert.Contains("Amount to refund EUR</td><td class=\"n\">-1.00</td>", printed, StringComparison.Ordinal);

        // April's 10.00 fee (the notes given by hand are not billed back as late usage) takes the 8.00 back; a note
        // returns 1.00 of it and voiding the invoice returns the other 7.00.
        var april = await FinalizedAsync(await world.RunAsync(At(2027, 5, 5)));
        Assert.Equal((10.00m, 8.00m, 2.00m), (april.Total, april.CreditApplied, april.AmountDue));
        Assert.Equal(-1.00m, (await notes.IssueAsync(world.Tenant, april.Id, 1.00m, "goodwill", "ana"))!.CreditApplied);
        var voided = (await world.Invoices.VoidAsync(world.Tenant, april.Id))!;

        Assert.Equal(("void", 8.00m), (voided.Status, voided.CreditApplied));
        Assert.Equal(8.00m, (await Wallets.BalanceAsync(world.Tenant, wallet.Id))!.Balance);
        var ledger = await Wallets.LedgerAsync(world.Tenant, wallet.Id, before: null, limit: 100);
        Assert.Equal(("funded", 7.00m, 8.00m, $"refund: {april.Number}"), (ledger[0].Entry, ledger[0].Amount, ledger[0].Balance, ledger[0].Description));
    }

    [Fact]
    public async Task IngestedUsage_BurnsTheBalanceDown_WarnsOncePerFunding_AndRechargesWithinTheMonthlyMaximum()
    {
        var wallet = await Wallets.CreateAsync(world.Tenant, consumer.Id, "EUR",
            new WalletSettings(LowBalancePercent: 25m, RechargeBelow: 5.00m, RechargeAmount: 20.00m, RechargeMonthlyMax: 40.00m));
        await Wallets.AddCreditAsync(world.Tenant, wallet.Id, new WalletCreditRequest("top_up", 40.00m));
        var (payments, _) = await world.Services.GetRequiredService<WebhookEndpointService>().CreateAsync(world.Tenant, "https://payments.example.com/hooks", null);
        world.Clock.MoveTo(At(2027, 3, 10));

        // 100 calls: 10.00 fee and 10.00 of calls pending, 20.00 left; the warning is at 25% of 40.00.
        Assert.Equal((20.00m, 0, 0), await CallAsync(100));
        // 150 more: 5.00 left, at or under 10.00: one warning, no recharge (not below 5.00).
        Assert.Equal((5.00m, 1, 0), await CallAsync(150));
        Assert.Equal((5.00m, 1, 0), await CallAsync(0));
        // 10 more: 4.00 is below 5.00, so 20.00 is added; 24.00 is over the new warning (25% of 60.00 = 15.00).
        Assert.Equal((24.00m, 1, 1), await CallAsync(10));
        // 250 more: 1.00 short, so the month's second (and last) recharge; 19.00 is under 25% of 80.00, which warns again.
        Assert.Equal((19.00m, 2, 2), await CallAsync(250));
        // 300 more: the monthly maximum of 40.00 is reached, no recharge; this funding has already warned.
        Assert.Equal((-11.00m, 2, 2), await CallAsync(300));

        var warnings = (await AlertsAsync(Alert.LowBalanceKind)).OrderBy(a => a.PeriodStart).ToList();
        Assert.All(warnings, a => Assert.Equal("EUR", a.Subject));
        Assert.Equal([(10.00m, 5.00m), (20.00m, 19.00m)], warnings.Select(a => (a.Threshold, a.Observed)));
        Assert.Equal("Prepaid credit is low: 5.00 EUR left after 35.00 of usage not yet invoiced (balance 40.00), at or under the warning at 25% of the 40.00 EUR in force (10.00).",
            warnings[0].Message);

        // On April 1 March is not yet invoiced: its 91.00 and April's fee so far leave -21.00, and April's maximum
        // allows two recharges again.
        world.Clock.MoveTo(At(2027, 4, 1, 1));
        Monitor.Notice(world.Tenant, consumer.Id);
        Assert.Equal((19.00m, 3, 4), await CallAsync(0));
        Assert.All((await Wallets.CreditsAsync(world.Tenant, wallet.Id)).Where(c => c.Kind == WalletCredit.AutoRecharge),
            c => Assert.Equal(("auto-recharge", 20.00m), (c.CreatedBy, c.Amount)));

        // Each pass that recharged raised one alert naming what to charge, queued for the payment system's webhook.
        var recharges = (await AlertsAsync(Alert.AutoRechargeKind)).OrderBy(a => (a.PeriodStart, a.Threshold)).ToList();
        Assert.Equal([(At(2027, 3, 1), 20.00m, 20.00m), (At(2027, 3, 1), 40.00m, 20.00m), (At(2027, 4, 1), 40.00m, 40.00m)],
            recharges.Select(a => (a.PeriodStart, a.Threshold, a.Observed)));
        Assert.All(recharges, a => Assert.Equal(("EUR", (decimal?)40.00m), (a.Subject, a.Limit)));
        Assert.Equal("Prepaid credit recharged automatically: 40.00 EUR added (2 × 20.00) because -21.00 EUR was left after usage not yet invoiced, below 5.00. "
            + "Recharged this month: 40.00 of at most 40.00. To be charged to the consumer's payment method.", recharges[2].Message);
        foreach (var recharge in recharges)
        {
            var delivery = Assert.Single(await world.Services.GetRequiredService<AlertStore>().DeliveriesAsync(world.Tenant, recharge.Id));
            Assert.Equal(("webhook", payments.Id), (delivery.Channel, delivery.EndpointId));
        }
    }

    [Fact]
    public async Task BalancePages_FollowConsumerCodeThenCurrency_AndTogetherHoldEveryWallet()
    {
        var plan = await world.PublishPlanAsync("second", Plan);
        var codes = new[] { "zeta", "Alpha", "beta" };
        var others = new List<Consumer>();
        foreach (var code in codes)
        {
            others.Add((await world.SubscribeAsync(code, plan, At(2027, 3, 1))).Consumer);
        }

        foreach (var (owner, currency) in new[] { (consumer, "USD"), (others[0], "EUR"), (others[1], "USD"), (others[1], "EUR"), (others[2], "JPY"), (consumer, "EUR") })
        {
            await Wallets.CreateAsync(world.Tenant, owner.Id, currency, new WalletSettings());
        }

        var codeOf = new[] { consumer }.Concat(others).ToDictionary(c => c.Id, c => c.Code);
        var expected = (await Wallets.BalancesAsync(world.Tenant, null)).Select(b => (codeOf[b.Wallet.ConsumerId], b.Wallet.Currency))
            .OrderBy(p => p.Item1, StringComparer.Ordinal).ThenBy(p => p.Item2, StringComparer.Ordinal).ToList();
        var pages = new List<(string, string)>();
        for (var offset = 0; offset < 8; offset += 4)
        {
            pages.AddRange((await Wallets.BalancePageAsync(world.Tenant, null, offset, 4)).Select(b => (codeOf[b.Wallet.ConsumerId], b.Wallet.Currency)));
        }

        Assert.Equal([("Alpha", "EUR"), ("Alpha", "USD"), ("beta", "JPY"), ("initech", "EUR"), ("initech", "USD"), ("zeta", "EUR")], pages);
        Assert.Equal(expected, pages);
        Assert.Equal(6, await Wallets.CountAsync(world.Tenant));
    }

    [Fact]
    public async Task CreditExpiringUnread_IsWrittenOffByTheWorker_WhichThenWarns()
    {
        var wallet = await Wallets.CreateAsync(world.Tenant, consumer.Id, "EUR", new WalletSettings(LowBalanceAmount: 0m));
        await GrantAsync(wallet, 30.00m, priority: 10, expires: At(2027, 3, 5));

        world.Clock.MoveTo(At(2027, 3, 6));
        await world.Services.GetRequiredService<MeteringWorker>().RunOnceAsync();

        var latest = (await Wallets.LedgerAsync(world.Tenant, wallet.Id, before: null, limit: 1)).Single();
        Assert.Equal(("expired", -30.00m, 0m, At(2027, 3, 5)), (latest.Entry, latest.Amount, latest.Balance, latest.OccurredAt));
        // March's 10.00 fee so far leaves -10.00, under the warning at 0.
        var warning = (await world.Services.GetRequiredService<AlertStore>().ListAsync(world.Tenant, consumer.Id, false, 10)).Single();
        Assert.Equal((Alert.LowBalanceKind, -10.00m), (warning.Kind, warning.Observed));
    }

    [Fact]
    public async Task BadRequests_NameTheirField_AndAnotherTenantsWalletIsNotFound()
    {
        await AssertRefusedAsync("currency", () => Wallets.CreateAsync(world.Tenant, consumer.Id, "EURO", new WalletSettings()));
        await AssertRefusedAsync("consumerId", () => Wallets.CreateAsync(world.Tenant, Guid.NewGuid(), "EUR", new WalletSettings()));
        await AssertRefusedAsync("lowBalancePercent", () => Wallets.CreateAsync(world.Tenant, consumer.Id, "EUR", new WalletSettings(LowBalancePercent: 100m)));
        await AssertRefusedAsync("rechargeAmount", () => Wallets.CreateAsync(world.Tenant, consumer.Id, "EUR", new WalletSettings(RechargeBelow: 5m)));
        await AssertRefusedAsync("rechargeMonthlyMax", () => Wallets.CreateAsync(world.Tenant, consumer.Id, "EUR",
            new WalletSettings(RechargeBelow: 5m, RechargeAmount: 20m, RechargeMonthlyMax: 10m)));
        var wallet = await Wallets.CreateAsync(world.Tenant, consumer.Id, "JPY", new WalletSettings(LowBalanceAmount: 500m));
        await AssertRefusedAsync("currency", () => Wallets.CreateAsync(world.Tenant, consumer.Id, "JPY", new WalletSettings()));

        var refused = await AssertRefusedAsync("amount", () => Wallets.AddCreditAsync(world.Tenant, wallet.Id, new WalletCreditRequest("top_up", 10.5m)));
        Assert.Equal("10.5 has more decimals than JPY's 0.", refused.Errors["amount"].Single());
        await AssertRefusedAsync("amount", () => Wallets.AddCreditAsync(world.Tenant, wallet.Id, new WalletCreditRequest("grant", -100m)));
        await AssertRefusedAsync("kind", () => Wallets.AddCreditAsync(world.Tenant, wallet.Id, new WalletCreditRequest("auto_recharge", 100m)));
        await AssertRefusedAsync("expiresAt", () => Wallets.AddCreditAsync(world.Tenant, wallet.Id, new WalletCreditRequest("grant", 100m, ExpiresAt: At(2027, 2, 1))));
        await AssertRefusedAsync("priority", () => Wallets.AddCreditAsync(world.Tenant, wallet.Id, new WalletCreditRequest("grant", 100m, Priority: -1)));

        var credit = (await Wallets.AddCreditAsync(world.Tenant, wallet.Id, new WalletCreditRequest("grant", 1000m)))!;
        await AssertRefusedAsync("reason", () => Wallets.VoidCreditAsync(world.Tenant, wallet.Id, credit.Id, " "));
        var voided = (await Wallets.VoidCreditAsync(world.Tenant, wallet.Id, credit.Id, "given to the wrong customer"))!;
        Assert.Equal(("voided", 0m), (voided.State, voided.Remaining));
        await AssertRefusedAsync("credit", () => Wallets.VoidCreditAsync(world.Tenant, wallet.Id, credit.Id, "again"));
        Assert.Equal(0m, (await Wallets.BalanceAsync(world.Tenant, wallet.Id))!.Balance);

        await using var scope = world.Services.CreateAsyncScope();
        var other = (await scope.ServiceProvider.GetRequiredService<Tariff.Platform.Accounts.AccountService>().CreateTenantAsync("globex", "Globex")).Id;
        Assert.Null(await Wallets.FindAsync(other, wallet.Id));
        Assert.Null(await Wallets.BalanceAsync(other, wallet.Id));
        Assert.Null(await Wallets.AddCreditAsync(other, wallet.Id, new WalletCreditRequest("grant", 100m)));
        Assert.Null(await Wallets.VoidCreditAsync(other, wallet.Id, credit.Id, "theirs"));
        Assert.Null(await Wallets.ConfigureAsync(other, wallet.Id, new WalletSettings()));
        Assert.Empty(await Wallets.LedgerAsync(other, wallet.Id, null, 10));
        Assert.Empty(await Wallets.ListAsync(other, null));
    }

    private async Task<WalletCredit> GrantAsync(Wallet wallet, decimal amount, int priority, DateTimeOffset? expires) =>
        (await Wallets.AddCreditAsync(world.Tenant, wallet.Id, new WalletCreditRequest("grant", amount, priority, expires)))!;

    private async Task<Tariff.Platform.Billing.Invoice> FinalizedAsync(Tariff.Platform.Billing.BillingRun run) =>
        (await world.Invoices.FindAsync(world.Tenant, run.Results.Single(r => r.Action == "finalized").InvoiceId!.Value))!;

    // Sends calls through ingest, runs one metering pass, and reads the ongoing balance, the warnings and the recharges.
    private async Task<(decimal Ongoing, int Warnings, int Recharges)> CallAsync(int calls)
    {
        await world.SendAsync([.. Enumerable.Range(0, calls).Select(_ => new UsageEvent($"call-{++sent}", At(2027, 3, 9), "gw-initech", "kong"))]);
        await world.Services.GetRequiredService<MeteringWorker>().RunOnceAsync();
        var wallet = (await Wallets.ListAsync(world.Tenant, consumer.Id)).Single();
        var balance = (await Wallets.BalanceAsync(world.Tenant, wallet.Id))!;
        var warnings = (await AlertsAsync(Alert.LowBalanceKind)).Count;
        return (balance.Ongoing, warnings, balance.Credits.Count(c => c.Kind == WalletCredit.AutoRecharge));
    }

    private async Task<List<Alert>> AlertsAsync(string kind) =>
        [.. (await world.Services.GetRequiredService<AlertStore>().ListAsync(world.Tenant, consumer.Id, false, 100)).Where(a => a.Kind == kind)];

    private static async Task<CatalogValidationException> AssertRefusedAsync(string field, Func<Task> action)
    {
        var refused = await Assert.ThrowsAsync<CatalogValidationException>(action);
        Assert.True(refused.Errors.ContainsKey(field), $"expected an error on '{field}', got: {refused.Message}");
        return refused;
    }
}
