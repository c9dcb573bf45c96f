using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Tariff.Engine.Usage;
using Tariff.Platform.Accounts;
using Tariff.Platform.Usage;
using Tariff.Studio.Tests.Api;

namespace Tariff.Studio.Tests.Pages;

/// <summary>
/// The billing pages over the real pipeline and PostgreSQL: invoices change state and take credit notes from their
/// page, with errors next to the fields; runs start from a form and show their results; an analyst can look but not act.
/// </summary>
public sealed class BillingPagesTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    private const string PlanText = """
        meter calls {
            count
        }

        plan pages_plan {
            currency EUR
            period month anniversary
            fee base 10.00 recurring
            charge calls {
                per unit 1.00
            }
        }
        """;

    private readonly DateTimeOffset now = factory.Services.GetRequiredService<TimeProvider>().GetUtcNow();

    [Fact]
    public async Task InvoicePage_Operator_FinalizesTheDraftThenCreditsItWithErrorsNextToTheFields()
    {
        var (consumerId, _, _) = await SubscribedConsumerAsync(calls: 2);
        var invoiceId = await BilledDraftAsync(consumerId);
        using var browser = await ConsumerPagesTests.SignedInAsync(factory, Roles.Operator);
        var path = $"/invoices/{invoiceId}";

        var draft = await StudioForms.PageAsync(browser, path);
        Assert.Equal("draft", draft.Text("invoice-status"));
        Assert.Equal("12.00 EUR", draft.Text("invoice-total"));

        var finalized = await StudioForms.SubmitAsync(browser, path, "[data-testid=invoice-actions]", ("Action", "finalize"));
        Assert.Equal("The invoice is now finalized.", finalized.Text("invoice-message"));
        Assert.Equal("finalized", finalized.Text("invoice-status"));
        Assert.StartsWith("Invoice INV-", finalized.Text("invoice-title"), StringComparison.Ordinal);

        var notANumber = await StudioForms.SubmitAsync(browser, path, "[data-testid=credit-form]", ("Credit.Amount", "abc"), ("Credit.Reason", "goodwill"));
        Assert.Equal("'abc' is not a number; write it with a point, such as 12.50.", notANumber.Text("error-amount"));
        var tooMuch = await StudioForms.SubmitAsync(browser, path, "[data-testid=credit-form]", ("Credit.Amount", "12.01"), ("Credit.Reason", ""));
        Assert.Contains("at most 12.00 (the subtotal not yet credited)", tooMuch.Text("error-amount"), StringComparison.Ordinal);
        Assert.Contains("is required, at most 500 characters", tooMuch.Text("error-reason"), StringComparison.Ordinal);
        Assert.Equal("is-invalid", tooMuch.QuerySelector("#amount")?.ClassList.FirstOrDefault(c => c == "is-invalid"));

        var credited = await StudioForms.SubmitAsync(browser, path, "[data-testid=credit-form]", ("Credit.Amount", "2.50"), ("Credit.Reason", "outage on the 3rd"));
        Assert.StartsWith("Issued credit note CN-", credited.Text("invoice-message"), StringComparison.Ordinal);
        Assert.Contains("-2.50 EUR · outage on the 3rd", credited.Text("credit-notes"), StringComparison.Ordinal);
        Assert.Contains("At most 9.50 EUR.", credited.QuerySelector("[data-testid=credit-form]")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LateUsageAfterTheLastInvoiceOfAnEndedSubscription_ShowsAsADebitNoteOnTheInvoiceAndInTheList()
    {
        var (consumerId, identity, _) = await SubscribedConsumerAsync(calls: 2);
        var invoiceId = await BilledDraftAsync(consumerId);
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);
        var invoice = (await ApiCalls.SendAsync(admin, HttpMethod.Post, $"/api/v1/invoices/{invoiceId}/finalize", null)).Body;
        var periodEnd = invoice.GetProperty("period").GetProperty("end").GetDateTimeOffset();
        var subscriptionId = invoice.GetProperty("subscriptionId").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await ApiCalls.SendAsync(admin, HttpMethod.Post, $"/api/v1/subscriptions/{subscriptionId}/cancel", new { endsAt = periodEnd })).Status);
        var tenant = (await ApiCalls.SendAsync(admin, HttpMethod.Get, "/api/v1/me", null)).Body.GetProperty("tenantId").GetGuid();
        var late = new IncomingEvent(new UsageEvent(Guid.NewGuid().ToString("N"), periodEnd.AddHours(-1), identity), Late: true);
        await factory.Services.GetRequiredService<IUsageStore>().AppendAsync(tenant, [late], now);

        var started = await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/billing-runs", new { consumerIds = new[] { consumerId } });
        var run = await ApiCalls.SendAsync(admin, HttpMethod.Get, $"/api/v1/billing-runs/{started.Body.GetProperty("id").GetGuid()}?wait=60", null);
        var result = Assert.Single(run.Body.GetProperty("results").EnumerateArray());
        Assert.Equal(("debit_note", 1.00m), (result.GetProperty("action").GetString(), result.GetProperty("total").GetDecimal()));

        using var browser = await ConsumerPagesTests.SignedInAsync(factory, Roles.Operator);
        var corrected = await StudioForms.PageAsync(browser, $"/invoices/{invoiceId}");
        Assert.Matches(@"^Debit note DN-\d{6} · 1\.00 EUR · usage added after finalization$", corrected.Text("credit-notes"));
        var note = await StudioForms.PageAsync(browser, $"/invoices/{result.GetProperty("invoiceId").GetGuid()}");
        Assert.StartsWith("Debit note DN-", note.Text("invoice-title"), StringComparison.Ordinal);
        Assert.Null(note.QuerySelector("[data-testid=credit-form]"));
        var list = await StudioForms.PageAsync(browser, $"/invoices?consumer={consumerId}&kind=debit_note");
        Assert.Equal(["debit note"], list.QuerySelectorAll("[data-testid=invoice-kind]").Select(e => e.TextContent));
    }

    [Fact]
    public async Task FeesBilledInAdvance_AreAnInvoiceOfTheirOwn_MarkedInTheApiTheRunTheListAndTheInvoice()
    {
        // Subscribed a month and a day ago: the first period has ended (its usage is a draft), the second has begun.
        var (consumerId, _, code) = await SubscribedConsumerAsync(calls: 1, PlanText.Replace("recurring", "recurring in advance", StringComparison.Ordinal));
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);
        var started = await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/billing-runs", new { consumerIds = new[] { consumerId } });
        var runId = started.Body.GetProperty("id").GetGuid();
        await ApiCalls.SendAsync(admin, HttpMethod.Get, $"/api/v1/billing-runs/{runId}?wait=60", null);

        var invoices = (await ApiCalls.SendAsync(admin, HttpMethod.Get, $"/api/v1/invoices?consumerId={consumerId}", null)).Body.EnumerateArray()
            .Select(i => (InAdvance: i.GetProperty("inAdvance").GetBoolean(), Status: i.GetProperty("status").GetString(), Total: i.GetProperty("total").GetDecimal(),
                Id: i.GetProperty("id").GetGuid()))
            .OrderBy(i => i.InAdvance).ToList();
        Assert.Equal([(false, "draft", 1.00m), (true, "finalized", 10.00m), (true, "finalized", 10.00m)], invoices.Select(i => (i.InAdvance, i.Status, i.Total)));
        using var browser = await ConsumerPagesTests.SignedInAsync(factory, Roles.Operator);
        var run = await StudioForms.PageAsync(browser, $"/billing/runs/{runId}");
        Assert.Equal(2, run.QuerySelectorAll("[data-testid=run-results] [data-testid=in-advance]").Length);
        var list = await StudioForms.PageAsync(browser, $"/invoices?consumer={code}");
        Assert.Equal(2, list.QuerySelectorAll("[data-testid=in-advance]").Length);
        var advance = await StudioForms.PageAsync(browser, $"/invoices/{invoices[^1].Id}");
        Assert.Equal("fees in advance", advance.Text("in-advance"));
        Assert.Null((await StudioForms.PageAsync(browser, $"/invoices/{invoices[0].Id}")).QuerySelector("[data-testid=in-advance]"));
    }

    [Fact]
    public async Task InvoicePage_Analyst_SeesNoCommandsAndAForgedFinalizeChangesNothing()
    {
        var (consumerId, _, _) = await SubscribedConsumerAsync(calls: 1);
        var invoiceId = await BilledDraftAsync(consumerId);
        using var analyst = await ConsumerPagesTests.SignedInAsync(factory, Roles.Analyst);
        using var operatorBrowser = await ConsumerPagesTests.SignedInAsync(factory, Roles.Operator);
        var path = $"/invoices/{invoiceId}";

        var page = await StudioForms.PageAsync(analyst, path);
        Assert.Null(page.QuerySelector("[data-testid=invoice-actions]"));
        Assert.NotNull(page.QuerySelector("[data-testid=read-only]"));

        // The analyst replays an operator's form with the analyst's own antiforgery token: no such form is on the
        // analyst's page, so nothing handles it.
        var operatorsForm = await StudioForms.PageAsync(operatorBrowser, path);
        Assert.NotNull(operatorsForm.QuerySelector("[data-testid=invoice-actions]"));
        var token = (await StudioForms.PageAsync(analyst, "/billing/runs")).QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");
        using var forged = await analyst.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token ?? "", ["_handler"] = "invoice-action", ["Action"] = "finalize",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("draft", (await StudioForms.PageAsync(operatorBrowser, path)).Text("invoice-status"));
    }

    [Fact]
    public async Task RunNow_FutureInstantWithoutDryRun_IsAFieldErrorAndADryRunPreviewsWithoutStoring()
    {
        var (consumerId, _, code) = await SubscribedConsumerAsync(calls: 3);
        using var browser = await ConsumerPagesTests.SignedInAsync(factory, Roles.Operator);

        var refused = await StudioForms.SubmitAsync(browser, "/billing/runs", "[data-testid=run-form]",
            ("Input.AsOf", now.AddDays(2).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture)), ("Input.ConsumerCodes", code));
        Assert.Contains("is in the future; only a dry run may look ahead", refused.Text("error-asOf"), StringComparison.Ordinal);
        var unknown = await StudioForms.SubmitAsync(browser, "/billing/runs", "[data-testid=run-form]", ("Input.ConsumerCodes", $"{code}, nobody-1 nobody-2,"));
        Assert.Equal("No consumer has the code 'nobody-1', 'nobody-2'.", unknown.Text("error-consumers"));
        Assert.Equal($"{code}, nobody-1 nobody-2,", unknown.QuerySelector("#consumers")?.GetAttribute("value"));
        var unreadable = await StudioForms.SubmitAsync(browser, "/billing/runs", "[data-testid=run-form]", ("Input.AsOf", "next tuesday"));
        Assert.Equal("'next tuesday' is not a date and time; use the form 2026-11-01T00:00.", unreadable.Text("error-asOf"));

        using var started = await StudioForms.PostAsync(browser, "/billing/runs", "[data-testid=run-form]",
            [new("Input.ConsumerCodes", code), new("Input.DryRun", "true")]);
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var runPath = started.Headers.Location!.AbsolutePath;
        Assert.Matches("^/billing/runs/[0-9a-f-]{36}$", runPath);
        var runId = Guid.Parse(runPath[^36..]);
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);
        await ApiCalls.SendAsync(admin, HttpMethod.Get, $"/api/v1/billing-runs/{runId}?wait=60", null);

        var run = await StudioForms.PageAsync(browser, runPath);
        Assert.Equal("succeeded", run.Text("run-status"));
        Assert.Null(run.QuerySelector("#run-panel")?.GetAttribute("hx-trigger"));
        Assert.Contains("would_create", run.Text("run-results"), StringComparison.Ordinal);
        Assert.Contains(code, run.Text("run-results"), StringComparison.Ordinal);
        Assert.Contains("13.00 EUR", run.Text("run-results"), StringComparison.Ordinal);
        Assert.Contains("base: 10.00 EUR", run.Text("run-preview"), StringComparison.Ordinal);
        Assert.Empty((await ApiCalls.SendAsync(admin, HttpMethod.Get, $"/api/v1/invoices?consumerId={consumerId}", null)).Body.EnumerateArray());

        // The fragment htmx polls is the same panel, for this tenant only.
        var fragment = await browser.GetStringAsync($"/fragments/billing-runs/{runId}");
        Assert.Contains("data-status=\"succeeded\"", fragment, StringComparison.Ordinal);
        using var missing = await browser.GetAsync($"/fragments/billing-runs/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task BillingPages_Analyst_CannotStartRuns()
    {
        using var analyst = await ConsumerPagesTests.SignedInAsync(factory, Roles.Analyst);

        var page = await StudioForms.PageAsync(analyst, "/billing/runs");

        Assert.Null(page.QuerySelector("[data-testid=run-form]"));
        Assert.Equal("Starting runs is for admins and operators.", page.Text("read-only"));
    }

    [Fact]
    public async Task InvoiceList_FiltersByConsumerAndStatus_AndPagesKeepTheFilter()
    {
        var (consumerId, _, code) = await SubscribedConsumerAsync(calls: 1);
        var invoiceId = await BilledDraftAsync(consumerId);
        using var browser = await ConsumerPagesTests.SignedInAsync(factory, Roles.Analyst);

        var drafts = await StudioForms.PageAsync(browser, $"/invoices?consumer={code}&status=draft");
        var byOldLink = await StudioForms.PageAsync(browser, $"/invoices?consumer={consumerId}&status=draft");
        var unknown = await StudioForms.PageAsync(browser, "/invoices?consumer=nobody-at-all");
        var row = Assert.Single(drafts.QuerySelectorAll("[data-testid=invoice-table] tbody tr[data-invoice]"));
        Assert.Equal(invoiceId.ToString(), row.GetAttribute("data-invoice"));
        Assert.Equal(code, drafts.QuerySelector("#consumer")?.GetAttribute("value"));
        Assert.Equal(invoiceId.ToString(), Assert.Single(byOldLink.QuerySelectorAll("[data-testid=invoice-table] tbody tr[data-invoice]")).GetAttribute("data-invoice"));
        Assert.Equal(code, byOldLink.QuerySelector("#consumer")?.GetAttribute("value"));
        Assert.Empty(unknown.QuerySelectorAll("[data-testid=invoice-table] tbody tr[data-invoice]"));
        Assert.Equal("No consumer has the code 'nobody-at-all'.", unknown.Text("error-consumer"));
        var paid = await StudioForms.PageAsync(browser, $"/invoices?consumer={code}&status=paid");
        Assert.Empty(paid.QuerySelectorAll("[data-testid=invoice-table] tbody tr[data-invoice]"));
        var sortLink = drafts.QuerySelector("[data-testid=invoice-table] th a")?.GetAttribute("href");
        Assert.Contains($"consumer={code}", sortLink, StringComparison.Ordinal);
        Assert.Contains("sort=number", sortLink, StringComparison.Ordinal);
    }

    // Subscribed from a month and a day ago, so that its first period ended yesterday: billing makes a draft that
    // stays open for the grace period. The calls fall in that period.
    private async Task<(Guid ConsumerId, string Identity, string Code)> SubscribedConsumerAsync(int calls, string planText = PlanText)
    {
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);
        var created = await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/plans", new { code = ApiCalls.Code("plan"), name = "Pages", text = planText });
        var planId = created.Body.GetProperty("plan").GetProperty("id").GetGuid();
        await ApiCalls.SendAsync(admin, HttpMethod.Post, $"/api/v1/plans/{planId}/publish", new { comment = "v1" });
        var identity = ApiCalls.Code("gw");
        var code = ApiCalls.Code("c");
        var consumerId = (await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/consumers", new { code, name = "Pages", identities = new[] { identity } }))
            .Body.GetProperty("id").GetGuid();
        var start = now.AddMonths(-1).AddDays(-1);
        Assert.Equal(HttpStatusCode.Created, (await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/subscriptions", new { consumerId, planId, startsAt = start })).Status);
        var tenant = (await ApiCalls.SendAsync(admin, HttpMethod.Get, "/api/v1/me", null)).Body.GetProperty("tenantId").GetGuid();
        var events = Enumerable.Range(0, calls).Select(i => new IncomingEvent(new UsageEvent(Guid.NewGuid().ToString("N"), start.AddDays(2).AddHours(i), identity), Late: true));
        await factory.Services.GetRequiredService<IUsageStore>().AppendAsync(tenant, [.. events], now);
        return (consumerId, identity, code);
    }

    private async Task<Guid> BilledDraftAsync(Guid consumerId)
    {
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);
        var started = await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/billing-runs", new { consumerIds = new[] { consumerId } });
        var run = await ApiCalls.SendAsync(admin, HttpMethod.Get, $"/api/v1/billing-runs/{started.Body.GetProperty("id").GetGuid()}?wait=60", null);
        Assert.Equal("succeeded", run.Body.GetProperty("status").GetString());
        var invoice = Assert.Single((await ApiCalls.SendAsync(admin, HttpMethod.Get, $"/api/v1/invoices?consumerId={consumerId}", null)).Body.EnumerateArray());
        Assert.Equal("draft", invoice.GetProperty("status").GetString());
        return invoice.GetProperty("id").GetGuid();
    }
}
