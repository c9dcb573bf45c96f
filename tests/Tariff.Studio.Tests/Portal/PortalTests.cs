using System.Net;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Tariff.Engine.Usage;
using Tariff.Platform.Accounts;
using Tariff.Platform.Usage;
using Tariff.Studio.Tests.Api;

namespace Tariff.Studio.Tests.Portal;

/// <summary>
/// The consumer portal over the real pipeline and PostgreSQL: a consumer's login sees its quota, cost, invoices and
/// exports, and nothing of another consumer's or of the studio.
/// </summary>
public sealed class PortalTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    private const string PlanText = """
        meter calls {
            count
        }

        plan portal_plan {
            currency EUR
            fee base 10.00 recurring
            charge calls {
                per unit 1.00
            }
            quota calls 8 hard
        }
        """;

    private readonly DateTimeOffset now = factory.Services.GetRequiredService<TimeProvider>().GetUtcNow();

    [Fact]
    public async Task Portal_ConsumersLogin_SeesItsQuotaCostInvoiceAndExportsAndNothingOfAnother()
    {
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);
        var planId = await PublishedPlanAsync(admin);
        var mine = await BilledConsumerAsync(admin, planId, "Acme", callsThisMonth: 2);
        var theirs = await BilledConsumerAsync(admin, planId, "Globex", callsThisMonth: 7);
        using var browser = await SignedInAsync(admin, mine.Id);

        var page = await new HtmlParser().ParseDocumentAsync(await browser.GetStringAsync("/portal"));

        Assert.Equal("Acme", page.QuerySelector("[data-testid=portal-title]")?.TextContent);
        Assert.Equal("25%", page.QuerySelector("[data-testid=quota-calls] [data-testid=quota-percent]")?.TextContent);
        Assert.Equal("12.00 EUR", page.QuerySelector("[data-testid=cost-so-far]")?.TextContent);
        var projected = decimal.Parse(page.QuerySelector("[data-testid=cost-projected]")!.TextContent.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(projected >= 12.00m, $"the projection {projected} is below the cost so far");
        var invoiceLink = Assert.Single(page.QuerySelectorAll("[data-testid=invoices] a"));
        Assert.Equal($"portal/invoices/{mine.InvoiceId}", invoiceLink.GetAttribute("href"));

        var invoice = await new HtmlParser().ParseDocumentAsync(await browser.GetStringAsync($"/portal/invoices/{mine.InvoiceId}"));
        Assert.Equal("13.00 EUR", invoice.QuerySelector("[data-testid=invoice-total]")?.TextContent);
        using var printable = await browser.GetAsync($"/portal/invoices/{mine.InvoiceId}/html");
        Assert.Equal(HttpStatusCode.OK, printable.StatusCode);

        // Another consumer's invoice, by any address, is not there at all.
        foreach (var path in new[] { $"/portal/invoices/{theirs.InvoiceId}", $"/portal/invoices/{theirs.InvoiceId}/html", $"/portal/invoices/{theirs.InvoiceId}/pdf" })
        {
            using var response = await browser.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        var csv = await browser.GetStringAsync("/portal/usage.csv");
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,timestamp,source,consumer,", rows[0], StringComparison.Ordinal);
        Assert.Equal(2, rows.Length - 1);
        Assert.All(rows.Skip(1), row => Assert.Contains(mine.Identity, row, StringComparison.Ordinal));
        var json = JsonDocument.Parse(await browser.GetStringAsync("/portal/usage.json")).RootElement;
        Assert.Equal(2, UsageFile.Parse(json.GetRawText()).Events.Count);
    }

    [Fact]
    public async Task ConsumersLogin_StudioPagesAndApi_AreClosed()
    {
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);
        var consumer = await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/consumers", new { code = ApiCalls.Code("C"), name = "Closed", identities = new[] { ApiCalls.Code("gw") } });
        using var browser = await SignedInAsync(admin, consumer.Body.GetProperty("id").GetGuid());

        foreach (var path in new[] { "/", "/plans", "/pricing/scratch" })
        {
            using var page = await browser.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.StartsWith("/account/denied", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        using var api = await browser.GetAsync("/api/v1/plans");
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        using var portal = await browser.GetAsync("/portal");
        Assert.Equal(HttpStatusCode.OK, portal.StatusCode);
    }

    [Fact]
    public async Task StudioUser_Portal_IsClosed()
    {
        using var browser = factory.CreateBrowserLikeClient();
        await StudioFactory.SignInAsync(browser, DemoTenantOptions.AdminEmail, StudioFactory.AdminPassword);

        using var portal = await browser.GetAsync("/portal");

        Assert.Equal(HttpStatusCode.Redirect, portal.StatusCode);
        Assert.StartsWith("/account/denied", portal.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"email": "not an address", "displayName": "A", "password": "long-enough-password"}""", "email")]
    [InlineData("""{"email": "ap@example.com", "displayName": " ", "password": "long-enough-password"}""", "displayName")]
    [InlineData("""{"email": "ap@example.com", "displayName": "A", "password": "short"}""", "password")]
    public async Task CreatePortalUser_BadField_IsAProblemNamingIt(string body, string field)
    {
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);
        var consumer = await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/consumers", new { code = ApiCalls.Code("C"), name = "Field" });

        using var response = await admin.PostAsync($"/api/v1/consumers/{consumer.Body.GetProperty("id").GetGuid()}/users",
            new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task CreatePortalUser_AnotherTenantsConsumerOrAnAnalyst_IsRefused()
    {
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);
        using var analyst = await ApiCalls.ClientAsync(factory, Roles.Analyst);
        using var other = ApiCalls.ClientWithKey(factory, await ApiCalls.OtherTenantKeyAsync(factory));
        var consumerId = (await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/consumers", new { code = ApiCalls.Code("C"), name = "Mine" })).Body.GetProperty("id").GetGuid();
        var login = new { email = $"{Guid.NewGuid():N}@example.com", displayName = "A", password = "long-enough-password" };

        Assert.Equal(HttpStatusCode.NotFound, (await ApiCalls.SendAsync(other, HttpMethod.Post, $"/api/v1/consumers/{consumerId}/users", login)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await ApiCalls.SendAsync(analyst, HttpMethod.Post, $"/api/v1/consumers/{consumerId}/users", login)).Status);
        Assert.Equal(HttpStatusCode.Created, (await ApiCalls.SendAsync(admin, HttpMethod.Post, $"/api/v1/consumers/{consumerId}/users", login)).Status);
        var again = await ApiCalls.SendAsync(admin, HttpMethod.Post, $"/api/v1/consumers/{consumerId}/users", login);
        Assert.Equal("This e-mail address already has a login.", again.Body.GetProperty("errors").GetProperty("email")[0].GetString());
    }

    private static async Task<Guid> PublishedPlanAsync(HttpClient admin)
    {
        var created = await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/plans", new { code = ApiCalls.Code("plan"), name = "Portal", text = PlanText });
        var planId = created.Body.GetProperty("plan").GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Created, (await ApiCalls.SendAsync(admin, HttpMethod.Post, $"/api/v1/plans/{planId}/publish", new { comment = "v1" })).Status);
        return planId;
    }

    // Subscribed since the first of last month, with 3 calls last month (billed and finalized: 13.00) and some calls this month.
    private async Task<(Guid Id, string Identity, Guid InvoiceId)> BilledConsumerAsync(HttpClient admin, Guid planId, string name, int callsThisMonth)
    {
        var thisMonth = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var identity = ApiCalls.Code("gw");
        var consumerId = (await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/consumers", new { code = ApiCalls.Code("C"), name, identities = new[] { identity } }))
            .Body.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Created,
            (await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/subscriptions", new { consumerId, planId, startsAt = thisMonth.AddMonths(-1) })).Status);
        var tenant = (await ApiCalls.SendAsync(admin, HttpMethod.Get, "/api/v1/me", null)).Body.GetProperty("tenantId").GetGuid();
        var lastMonth = Enumerable.Range(0, 3).Select(i => thisMonth.AddMonths(-1).AddDays(3).AddHours(i));
        var current = Enumerable.Range(0, callsThisMonth).Select(i => thisMonth.AddTicks((now - thisMonth).Ticks / (i + 2)));
        var events = lastMonth.Concat(current).Select(at => new IncomingEvent(new UsageEvent(Guid.NewGuid().ToString("N"), at, identity), Late: true));
        await factory.Services.GetRequiredService<IUsageStore>().AppendAsync(tenant, [.. events], now);
        await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/usage/counters/reconcile", null);

        var started = await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/billing-runs", new { consumerIds = new[] { consumerId } });
        var run = await ApiCalls.SendAsync(admin, HttpMethod.Get, $"/api/v1/billing-runs/{started.Body.GetProperty("id").GetGuid()}?wait=60", null);
        Assert.Equal("succeeded", run.Body.GetProperty("status").GetString());
        var invoice = Assert.Single((await ApiCalls.SendAsync(admin, HttpMethod.Get, $"/api/v1/invoices?consumerId={consumerId}", null)).Body.EnumerateArray());
        Assert.Equal(("finalized", 13.00m), (invoice.GetProperty("status").GetString(), invoice.GetProperty("total").GetDecimal()));
        return (consumerId, identity, invoice.GetProperty("id").GetGuid());
    }

    // A portal login for the consumer, created through the API and signed in through the real login form.
    private async Task<HttpClient> SignedInAsync(HttpClient admin, Guid consumerId)
    {
        var email = $"{Guid.NewGuid():N}@customer.test";
        Assert.Equal(HttpStatusCode.Created, (await ApiCalls.SendAsync(admin, HttpMethod.Post, $"/api/v1/consumers/{consumerId}/users",
            new { email, displayName = "Accounts payable", password = StudioFactory.AdminPassword })).Status);
        var browser = factory.CreateBrowserLikeClient();
        using var signIn = await StudioFactory.SignInAsync(browser, email, StudioFactory.AdminPassword);
        Assert.Equal("/portal", signIn.Headers.Location?.AbsolutePath);
        return browser;
    }
}
