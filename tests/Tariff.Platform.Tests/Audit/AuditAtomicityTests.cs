using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tariff.Platform.Accounts;
using Tariff.Platform.Alerts;
using Tariff.Platform.Billing;
using Tariff.Platform.Catalog;
using Tariff.Platform.Scheduling;
using Tariff.Platform.Tests.Billing;
using Tariff.Platform.Wallets;
using static Tariff.Platform.Tests.Billing.BillingWorld;

namespace Tariff.Platform.Tests.Audit;

/// <summary>
/// A change and its audit record commit together. A trigger refuses the record of one action at a time; the change
/// it describes must then not be made either, or a crash between the two would leave a change nobody can trace.
/// </summary>
public sealed class AuditAtomicityTests : IAsyncLifetime
{
    private const string Refusal = "the test refuses this audit record";

    private BillingWorld world = null!;

    public async Task InitializeAsync()
    {
        world = await BillingWorld.CreateAsync("audit_atomic");
        await world.Database.ExecuteAsync($$"""
            CREATE TABLE refused_audit_actions (action text PRIMARY KEY);
            CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF EXISTS (SELECT 1 FROM refused_audit_actions WHERE action = NEW.action) THEN
                    RAISE EXCEPTION '{{Refusal}}: %', NEW.action;
                END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_audit();
            """);
    }

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task CatalogChanges_WhoseRecordIsRefused_AreNotMade()
    {
        var tenant = world.Tenant;
        var plans = Service<PlanService>();
        var planId = await world.PublishPlanAsync("metered", BillingRunTests.PerCallPlan);
        var (consumer, subscription) = await world.SubscribeAsync("initech", planId, At(2026, 11, 1));

        await RefusedAsync("product.created", () => Service<ProductService>().CreateAsync(tenant, "search", "Search", null));
        await RefusedAsync("plan.created", () => plans.CreateAsync(tenant, "other", "Other", null, BillingRunTests.PerCallPlan, "ana"));
        await RefusedAsync("consumer.created", () => Service<ConsumerService>().CreateAsync(tenant, "hooli", "Hooli", null, ["gw-hooli"]));
        await RefusedAsync("consumer.identities_mapped", () => Service<ConsumerService>().AddIdentitiesAsync(tenant, consumer.Id, ["gw-second"]));
        await RefusedAsync("plan.draft_saved", () => plans.UpdateDraftAsync(tenant, planId, "plan changed { currency USD }", "ana"));
        await RefusedAsync("plan.published", () => plans.PublishAsync(tenant, planId, "second", "typed", "ana"));
        await RefusedAsync("subscription.created", () => Service<SubscriptionService>().CreateAsync(tenant, consumer.Id, planId, null, At(2026, 12, 1), null, "UTC"));
        await RefusedAsync("subscription.canceled", () => Service<SubscriptionService>().CancelAsync(tenant, subscription.Id, At(2026, 12, 1)));
        await RefusedAsync("tax_rate.created", () => Service<TaxRateService>().PutAsync(tenant, "vat", "VAT", 19, isDefault: true));
        await RefusedAsync("webhook.created", () => Service<WebhookEndpointService>().CreateAsync(tenant, "https://hooks.example.com/tariff", null));
        await RefusedAsync("schedule.created", () => Service<ScheduleService>().CreateAsync(tenant, "nightly", "schedule nightly { }", "ana"));
        await RefusedAsync("wallet.created", () => Service<WalletService>().CreateAsync(tenant, consumer.Id, "USD", new WalletSettings()));

        Assert.Equal([0L, 1L, 1L, 1L, 0L, 0L, 0L, 0L], await world.Database.QueryColumnAsync<long>("""
            SELECT count(*) FROM products UNION ALL SELECT count(*) FROM plans UNION ALL SELECT count(*) FROM consumers
            UNION ALL SELECT count(*) FROM consumer_identities UNION ALL SELECT count(*) FROM tax_rates
            UNION ALL SELECT count(*) FROM webhook_endpoints UNION ALL SELECT count(*) FROM schedules UNION ALL SELECT count(*) FROM wallets
            """));
        Assert.Equal(BillingRunTests.PerCallPlan, (await plans.FindAsync(tenant, planId))!.DraftText);
        Assert.Equal(1, (await plans.FindAsync(tenant, planId))!.LatestVersion);
        var only = Assert.Single(await Service<SubscriptionService>().ListAsync(tenant));
        Assert.Equal((subscription.Id, "active", (DateTimeOffset?)null), (only.Id, only.Status, only.EndsAt));

        await LiftAsync();
        await plans.UpdateDraftAsync(tenant, planId, BillingRunTests.PerCallPlan.Replace("0.25", "0.30", StringComparison.Ordinal), "ana");
        await plans.PublishAsync(tenant, planId, "dearer calls", "typed", "ana");
        await RefusedAsync("subscription.migrated", () => Service<SubscriptionMigrator>().MigrateAsync(tenant, subscription.Id, 2, At(2026, 11, 15), "ana"));
        Assert.Equal(["active"], await world.Database.QueryColumnAsync<string>("SELECT status FROM subscriptions"));
        Assert.Empty(await world.Database.QueryColumnAsync<Guid>("SELECT id FROM subscription_migrations"));
    }

    [Fact]
    public async Task InvoiceAndWalletChanges_WhoseRecordIsRefused_AreNotMade()
    {
        var tenant = world.Tenant;
        var planId = await world.PublishPlanAsync("metered", BillingRunTests.PerCallPlan);
        var (consumer, _) = await world.SubscribeAsync("initech", planId, At(2026, 11, 1));
        await world.UseAsync("initech", 4, At(2026, 11, 2), TimeSpan.FromDays(1));
        var wallet = await Service<WalletService>().CreateAsync(tenant, consumer.Id, "USD", new WalletSettings());
        await RefusedAsync("wallet.top_up", () => Service<WalletService>().AddCreditAsync(tenant, wallet.Id, new WalletCreditRequest("top_up", 50)));
        Assert.Empty(await world.Database.QueryColumnAsync<decimal>("SELECT amount FROM wallet_ledger"));

        await world.RunAsync(At(2026, 12, 1, 1));
        var draft = Assert.Single(await world.Invoices.ListAsync(tenant, new InvoiceQuery()));
        await RefusedAsync("invoice.finalized", () => world.Invoices.FinalizeAsync(tenant, draft.Id));
        Assert.Equal(("draft", (string?)null), await StateAsync(draft.Id));
        Assert.Equal([0L], await world.Database.QueryColumnAsync<long>("SELECT coalesce(sum(last_number), 0)::bigint FROM invoice_sequences"));

        await LiftAsync();
        var invoice = (await world.Invoices.FinalizeAsync(tenant, draft.Id))!;
        await RefusedAsync("invoice.credited", () => world.Invoices.IssueCreditNoteAsync(tenant, invoice, [invoice.Lines[0] with { Amount = -1, RoundedAmount = -1 }],
            "goodwill", null));
        await RefusedAsync("invoice.paid", () => world.Invoices.MarkPaidAsync(tenant, invoice.Id));
        Assert.Equal(("finalized", invoice.Number), await StateAsync(invoice.Id));
        Assert.Equal([1L], await world.Database.QueryColumnAsync<long>("SELECT count(*) FROM invoices"));
    }

    [Fact]
    public async Task AccessChanges_ThroughEntityFramework_WhoseRecordIsRefused_AreNotMade()
    {
        var tenant = world.Tenant;
        await AccessAsync(access => access.CreateUserAsync(tenant, "admin@acme.test", "Admin", "correct horse battery", [Roles.Admin]));
        var analyst = await AccessAsync(access => access.CreateUserAsync(tenant, "ana@acme.test", "Ana", "correct horse battery", [Roles.Analyst]));
        var key = await AccessAsync(access => access.CreateApiKeyAsync(tenant, "gateway", Roles.Operator, [ApiKeyScopes.Ingest]));

        await RefusedAsync("user.created", () => AccessAsync(access => access.CreateUserAsync(tenant, "bob@acme.test", "Bob", "correct horse battery", [Roles.Analyst])));
        await RefusedAsync("user.roles_changed", () => AccessAsync(access => access.SetRolesAsync(tenant, analyst.Id, [Roles.Admin])));
        await RefusedAsync("user.disabled", () => AccessAsync(access => access.SetDisabledAsync(tenant, analyst.Id, disabled: true)));
        await RefusedAsync("api_key.created", () => AccessAsync(access => access.CreateApiKeyAsync(tenant, "second", Roles.Operator, [ApiKeyScopes.Ingest])));
        await RefusedAsync("api_key.revoked", () => AccessAsync(access => access.RevokeApiKeyAsync(tenant, key.Id)));

        Assert.Equal(["admin@acme.test", "ana@acme.test"], await world.Database.QueryColumnAsync<string>("SELECT email FROM users ORDER BY email"));
        Assert.Equal(["analyst"], await world.Database.QueryColumnAsync<string>($"SELECT role FROM user_roles WHERE user_id = '{analyst.Id}'"));
        Assert.Equal([0L], await world.Database.QueryColumnAsync<long>("SELECT count(*) FROM users WHERE disabled_at IS NOT NULL"));
        Assert.Equal([1L], await world.Database.QueryColumnAsync<long>("SELECT count(*) FROM api_keys WHERE revoked_at IS NULL"));
    }

    private T Service<T>()
        where T : notnull => world.Services.GetRequiredService<T>();

    // Each change gets a scope of its own, as each request does: a refused change leaves its context's tracked state behind.
    private async Task<T> AccessAsync<T>(Func<AccessAdministration, Task<T>> change)
    {
        await using var scope = world.Services.CreateAsyncScope();
        return await change(scope.ServiceProvider.GetRequiredService<AccessAdministration>());
    }

    // Refuses the action's record, makes the change, and checks it failed on the refusal and added no record.
    private async Task RefusedAsync<T>(string action, Func<Task<T>> change)
    {
        var countRecords = $"SELECT count(*) FROM audit_log WHERE action = '{action}'";
        var recordsBefore = await world.Database.QueryColumnAsync<long>(countRecords);
        await world.Database.ExecuteAsync($"INSERT INTO refused_audit_actions VALUES ('{action}')");
        var refused = await Assert.ThrowsAnyAsync<Exception>(change);
        var postgres = refused as PostgresException ?? refused.InnerException as PostgresException;
        Assert.True(postgres is not null, $"{action}: expected the trigger's refusal, got {refused}");
        Assert.Equal($"{Refusal}: {action}", postgres.MessageText);
        Assert.Equal(recordsBefore, await world.Database.QueryColumnAsync<long>(countRecords));
    }

    private Task LiftAsync() => world.Database.ExecuteAsync("DELETE FROM refused_audit_actions");

    private async Task<(string Status, string? Number)> StateAsync(Guid invoiceId)
    {
        var invoice = (await world.Invoices.FindAsync(world.Tenant, invoiceId))!;
        return (invoice.Status, invoice.Number);
    }
}
