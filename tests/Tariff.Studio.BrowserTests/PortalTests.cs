using System.Text.Json;
using Microsoft.Playwright;

namespace Tariff.Studio.BrowserTests;

/// <summary>A consumer in the portal, in Chromium against the real studio: its usage and invoice, and no one else's.</summary>
public sealed class PortalTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string PlanText = """
        meter calls {
            count
        }

        plan portal_demo {
            currency EUR
            fee base 10.00 recurring
            charge calls {
                per unit 1.00
            }
            quota calls 4 hard
        }
        """;

    private const string Password = "portal-password-for-tests";

    [Fact]
    public async Task ConsumerLogsIn_SeesItsUsageAndInvoice_AndNotAnotherConsumersInvoiceByItsAddress()
    {
        var admin = await fixture.SignedInPageAsync("/plans");
        var api = admin.Context.APIRequest;
        var planId = (await SendAsync(api, "POST", "/api/v1/plans", new { code = Code("portal"), name = "Portal demo", text = PlanText })).GetProperty("plan").GetProperty("id").GetGuid();
        await SendAsync(api, "POST", $"/api/v1/plans/{planId}/publish", new { comment = "v1" });
        var (mine, email) = await BilledConsumerAsync(api, planId, "Acme");
        var (theirs, _) = await BilledConsumerAsync(api, planId, "Globex");

        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/portal");

        Assert.Equal("Acme", await page.InnerTextAsync("[data-testid=portal-title]"));
        Assert.Equal("25%", await page.InnerTextAsync("[data-testid=quota-calls] [data-testid=quota-percent]"));
        Assert.Equal("25", await page.GetAttributeAsync("[data-testid=quota-calls] [role=progressbar]", "aria-valuenow"));
        await fixture.ScreenshotAsync(page, "portal-overview");

        await page.ClickAsync($"a[href='portal/invoices/{mine}']");
        Assert.Equal("13.00 EUR", await page.InnerTextAsync("[data-testid=invoice-total]"));
        await fixture.ScreenshotAsync(page, "portal-invoice");

        var foreign = await page.GotoAsync($"/portal/invoices/{theirs}");
        Assert.Equal(404, foreign!.Status);
        Assert.DoesNotContain("Globex", await page.ContentAsync(), StringComparison.Ordinal);
        await fixture.ScreenshotAsync(page, "portal-foreign-invoice");

        var studio = await page.GotoAsync("/plans");
        Assert.Contains("/account/denied", page.Url, StringComparison.Ordinal);
        Assert.Equal(403, studio!.Status);
    }

    // A consumer on the plan since the first of last month with one call then and one this month; last month billed and finalized (10 + 3 × 1).
    private static async Task<(Guid InvoiceId, string Email)> BilledConsumerAsync(IAPIRequestContext api, Guid planId, string name)
    {
        var now = TimeProvider.System.GetUtcNow(); // the studio process runs on the system clock
        var thisMonth = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var identity = Code("gw");
        var consumerId = (await SendAsync(api, "POST", "/api/v1/consumers", new { code = Code("c"), name, identities = new[] { identity } })).GetProperty("id").GetGuid();
        await SendAsync(api, "POST", "/api/v1/subscriptions", new { consumerId, planId, startsAt = thisMonth.AddMonths(-1) });
        DateTimeOffset[] calls = [thisMonth.AddHours(-3), thisMonth.AddHours(-2), thisMonth.AddHours(-1), thisMonth + (now - thisMonth) / 2];
        await SendAsync(api, "POST", "/api/v1/events", calls.Select(at => new { id = Guid.NewGuid().ToString("N"), timestamp = at, consumer = identity }).ToArray());

        var run = await SendAsync(api, "POST", "/api/v1/billing-runs", new { consumerIds = new[] { consumerId } });
        await SendAsync(api, "GET", $"/api/v1/billing-runs/{run.GetProperty("id").GetGuid()}?wait=60", null);
        var invoice = (await SendAsync(api, "GET", $"/api/v1/invoices?consumerId={consumerId}", null))[0];
        var invoiceId = invoice.GetProperty("id").GetGuid();
        if (invoice.GetProperty("status").GetString() == "draft")
        {
            await SendAsync(api, "POST", $"/api/v1/invoices/{invoiceId}/finalize", null); // still in its grace period
        }

        var email = $"{Guid.NewGuid():N}@customer.test";
        await SendAsync(api, "POST", $"/api/v1/consumers/{consumerId}/users", new { email, displayName = $"{name} accounts", password = Password });
        return (invoiceId, email);
    }

    private static async Task<JsonElement> SendAsync(IAPIRequestContext api, string method, string path, object? body)
    {
        var response = await api.FetchAsync(path, new APIRequestContextOptions { Method = method, DataObject = body });
        var text = await response.TextAsync();
        Assert.True(response.Ok, $"{method} {path}: HTTP {response.Status} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string Code(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..16];
}
