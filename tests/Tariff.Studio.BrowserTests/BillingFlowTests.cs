using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace Tariff.Studio.BrowserTests;

/// <summary>
/// Operating billing in Chromium against the real studio: a consumer made, subscribed and sent usage through the
/// pages, a billing run started from its form and followed until it finishes, and the invoice it made.
/// </summary>
public sealed class BillingFlowTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string PlanText = """
        meter calls {
            count
        }

        plan flow_demo {
            currency EUR
            fee base 10.00 recurring
            charge calls {
                per unit 1.00
            }
        }
        """;

    [Fact]
    public async Task Operator_IngestsEventsAndRunsBillingFromThePages_AndSeesTheInvoice()
    {
        var now = TimeProvider.System.GetUtcNow(); // the studio process runs on the system clock
        var lastMonth = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-1);
        var page = await fixture.SignedInPageAsync("/consumers");
        var planId = await PublishedPlanAsync(page.Context.APIRequest);
        var code = $"flow-{Guid.NewGuid():N}"[..16];
        var identity = $"{code}-key";

        // A consumer with its gateway identity, from the consumers page.
        await page.FillAsync("#code", code);
        await page.FillAsync("#name", "Flow Industries");
        await page.FillAsync("#identities", identity);
        await page.ClickAsync("[data-testid=consumer-form] button[type=submit]");
        await page.WaitForSelectorAsync("[data-testid=consumer-title]:has-text('Flow Industries')");

        // Subscribed since the first of last month.
        await page.SelectOptionAsync("#plan", planId.ToString());
        await page.FillAsync("#startsAt", lastMonth.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await page.ClickAsync("[data-testid=subscription-form] button[type=submit]");
        Assert.StartsWith("Subscribed to v1", await page.InnerTextAsync("[data-testid=consumer-message]"), StringComparison.Ordinal);

        // Three calls last month, sent from the send-events page; one line is sent twice and counts once.
        await page.GotoAsync("/usage/ingest");
        var lines = Enumerable.Range(1, 3).Select(i => JsonSerializer.Serialize(new { id = $"{code}-{i}", timestamp = lastMonth.AddDays(i), consumer = identity, source = "flow" })).ToList();
        await page.FillAsync("#ingest-body", string.Join("\n", [.. lines, lines[0]]));
        await page.ClickAsync("[data-testid=ingest-form] button[type=submit]");
        var summary = await page.WaitForSelectorAsync("[data-testid=ingest-summary]");
        Assert.Equal(("3", "1", "0"), (await summary!.GetAttributeAsync("data-accepted"), await summary.GetAttributeAsync("data-duplicates"), await summary.GetAttributeAsync("data-rejected")));
        await fixture.ScreenshotAsync(page, "billing-flow-ingest");

        // The run, for this consumer only, followed on its page until it finishes (htmx polls the panel).
        await page.GotoAsync("/billing/runs");
        // The consumer is typed into the picker: part of its code brings it up among the suggestions the studio sends.
        await page.FillAsync("#consumers", code[..12]);
        await page.WaitForSelectorAsync($"#consumers-options option[value='{code}']", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        await page.FillAsync("#consumers", code);
        await page.ClickAsync("[data-testid=run-form] button[type=submit]");
        // Only the address is awaited here (the page's own loading is awaited through its panel below, with a longer
        // timeout): on a loaded machine the full "load" of a page that htmx keeps polling can outlast the default 30 s.
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/billing/runs/", StringComparison.Ordinal),
            new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 });
        await page.WaitForSelectorAsync("[data-testid=run-panel][data-status=succeeded]", new PageWaitForSelectorOptions { Timeout = 60_000 });
        Assert.Contains("13.00 EUR", await page.InnerTextAsync("[data-testid=run-results]"), StringComparison.Ordinal);
        await fixture.ScreenshotAsync(page, "billing-flow-run");

        // The invoice: finalized by the run, or (early in a month) a draft in its grace period, finalized here.
        await page.ClickAsync("[data-testid=run-invoice]");
        await page.WaitForSelectorAsync("[data-testid=invoice-total]");
        if (await page.InnerTextAsync("[data-testid=invoice-status]") == "draft")
        {
            await page.ClickAsync("button[value=finalize]");
            await page.WaitForSelectorAsync("[data-testid=invoice-message]");
        }

        Assert.Equal("finalized", await page.InnerTextAsync("[data-testid=invoice-status]"));
        Assert.StartsWith("Invoice INV-", await page.InnerTextAsync("[data-testid=invoice-title]"), StringComparison.Ordinal);
        Assert.Equal("13.00 EUR", await page.InnerTextAsync("[data-testid=invoice-total]"));
        Assert.Contains("calls", await page.InnerTextAsync("[data-testid=invoice-lines]"), StringComparison.Ordinal);
        await fixture.ScreenshotAsync(page, "billing-flow-invoice");

        // The usage explorer and the dashboard draw their charts from the same events.
        await page.GotoAsync($"/usage?consumer={code}&from={lastMonth:yyyy-MM-dd}&to={lastMonth.AddMonths(1):yyyy-MM-dd}");
        Assert.Equal("3 events", await page.InnerTextAsync("[data-testid=usage-total]"));
        await page.WaitForSelectorAsync("canvas[data-testid=usage-chart][data-drawn=true]");
        await fixture.ScreenshotAsync(page, "billing-flow-usage");
        await page.GotoAsync("/");
        await page.WaitForSelectorAsync("canvas[data-testid=revenue-chart][data-drawn=true]");
        await fixture.ScreenshotAsync(page, "billing-flow-dashboard");
    }

    private static async Task<Guid> PublishedPlanAsync(IAPIRequestContext api)
    {
        var created = await api.PostAsync("/api/v1/plans", new APIRequestContextOptions { DataObject = new { code = $"flow-{Guid.NewGuid():N}"[..16], name = "Flow", text = PlanText } });
        Assert.True(created.Ok, await created.TextAsync());
        var planId = JsonDocument.Parse(await created.TextAsync()).RootElement.GetProperty("plan").GetProperty("id").GetGuid();
        var published = await api.PostAsync($"/api/v1/plans/{planId}/publish", new APIRequestContextOptions { DataObject = new { comment = "v1" } });
        Assert.True(published.Ok, await published.TextAsync());
        return planId;
    }
}
