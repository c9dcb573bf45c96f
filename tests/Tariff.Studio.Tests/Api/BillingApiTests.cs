using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tariff.Platform.Accounts;

namespace Tariff.Studio.Tests.Api;

/// <summary>
/// Billing over the real HTTP pipeline and PostgreSQL: a dry run, then a run, its invoices as JSON, HTML and PDF,
/// payment, credit notes, roles, validation, and every id tried by another tenant.
/// </summary>
public sealed class BillingApiTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    [Fact]
    public async Task DryRunThenRun_TwoClosedMonths_InvoicesReadablePrintablePayableAndCreditable()
    {
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);
        var (consumerId, _, months) = await SubscribedConsumerAsync(admin, calls: 3);
        await ApiCalls.SendAsync(admin, HttpMethod.Put, "/api/v1/tax-rates/vat20", new { name = "VAT 20%", percent = 20 });
        Assert.Equal(HttpStatusCode.NoContent, (await ApiCalls.SendAsync(admin, HttpMethod.Put, $"/api/v1/consumers/{consumerId}/tax-rate", new { code = "vat20" })).Status);

        var dry = await RunAsync(admin, new { consumerIds = new[] { consumerId }, dryRun = true });
        Assert.Empty((await ApiCalls.SendAsync(admin, HttpMethod.Get, $"/api/v1/invoices?consumerId={consumerId}", null)).Body.EnumerateArray());
        var run = await RunAsync(admin, new { consumerIds = new[] { consumerId } });
        var invoices = (await ApiCalls.SendAsync(admin, HttpMethod.Get, $"/api/v1/invoices?consumerId={consumerId}", null)).Body.EnumerateArray().ToList();

        Assert.Equal(["would_create", "would_create"], dry.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("action").GetString()));
        Assert.Equal(15.60m, dry.GetProperty("results")[0].GetProperty("preview").GetProperty("total").GetDecimal());
        Assert.Equal(["finalized", "finalized"], run.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("action").GetString()));
        Assert.Equal((1, 1), (run.GetProperty("subscriptions").GetInt32(), run.GetProperty("processed").GetInt32()));
        Assert.Equal([months[0], months[1]], invoices.Select(i => i.GetProperty("period").GetProperty("start").GetDateTimeOffset()));
        Assert.Equal([15.60m, 12.00m], invoices.Select(i => i.GetProperty("total").GetDecimal()));
        var september = invoices[0];
        var id = september.GetProperty("id").GetGuid();
        var number = september.GetProperty("number").GetString()!;
        Assert.Matches("^INV-[0-9]{6}$", number);
        Assert.Equal(["fee", "usage", "tax"], september.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("kind").GetString()));

        using var html = await admin.GetAsync($"/api/v1/invoices/{id}/html");
        var page = await html.Content.ReadAsStringAsync();
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"Invoice {number}", page, StringComparison.Ordinal);
        Assert.Contains("per unit: 3 × 1.00", page, StringComparison.Ordinal);
        Assert.Contains("<td class=\"n\">15.60</td>", page, StringComparison.Ordinal);
        using var pdf = await admin.GetAsync($"/api/v1/invoices/{id}/pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync())[..5]));

        var tooMuch = await ApiCalls.SendAsync(admin, HttpMethod.Post, $"/api/v1/invoices/{id}/credit-notes", new { amount = 13.01, reason = "goodwill" });
        var credit = await ApiCalls.SendAsync(admin, HttpMethod.Post, $"/api/v1/invoices/{id}/credit-notes", new { amount = 3.00, reason = "outage on the 5th" });
        var paid = await ApiCalls.SendAsync(admin, HttpMethod.Post, $"/api/v1/invoices/{id}/pay", null);
        var again = await ApiCalls.SendAsync(admin, HttpMethod.Post, $"/api/v1/invoices/{id}/pay", null);

        Assert.Equal(HttpStatusCode.BadRequest, tooMuch.Status);
        Assert.Contains("at most 13.00", tooMuch.Body.GetProperty("errors").GetProperty("amount")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, credit.Status);
        Assert.Equal(("credit_note", -3.60m, id), (credit.Body.GetProperty("kind").GetString(), credit.Body.GetProperty("total").GetDecimal(),
            credit.Body.GetProperty("correctsInvoice").GetGuid()));
        Assert.Matches("^CN-[0-9]{6}$", credit.Body.GetProperty("number").GetString()!);
        Assert.Equal("paid", paid.Body.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
    }

    [Fact]
    public async Task Roles_AnAnalystReadsInvoicesButCannotRunBillingOrFinalize()
    {
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);
        using var analyst = await ApiCalls.ClientAsync(factory, Roles.Analyst);
        var (consumerId, _, _) = await SubscribedConsumerAsync(admin, calls: 1);
        await RunAsync(admin, new { consumerIds = new[] { consumerId } });
        var id = (await ApiCalls.SendAsync(admin, HttpMethod.Get, $"/api/v1/invoices?consumerId={consumerId}", null)).Body[0].GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.OK, (await ApiCalls.SendAsync(analyst, HttpMethod.Get, $"/api/v1/invoices/{id}", null)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await ApiCalls.SendAsync(analyst, HttpMethod.Post, "/api/v1/billing-runs", new { dryRun = true })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await ApiCalls.SendAsync(analyst, HttpMethod.Post, $"/api/v1/invoices/{id}/finalize", null)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await ApiCalls.SendAsync(analyst, HttpMethod.Post, $"/api/v1/invoices/{id}/void", null)).Status);
    }

    [Fact]
    public async Task AnotherTenant_TryingEveryBillingId_Gets404()
    {
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);
        using var other = ApiCalls.ClientWithKey(factory, await ApiCalls.OtherTenantKeyAsync(factory));
        var (consumerId, _, _) = await SubscribedConsumerAsync(admin, calls: 2);
        var run = await RunAsync(admin, new { consumerIds = new[] { consumerId } });
        var id = (await ApiCalls.SendAsync(admin, HttpMethod.Get, $"/api/v1/invoices?consumerId={consumerId}", null)).Body[0].GetProperty("id").GetGuid();

        foreach (var path in new[] { $"/api/v1/invoices/{id}", $"/api/v1/invoices/{id}/html", $"/api/v1/invoices/{id}/pdf", $"/api/v1/billing-runs/{run.GetProperty("id").GetGuid()}" })
        {
            using var response = await other.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {response.StatusCode}");
        }

        foreach (var action in new[] { "finalize", "pay", "void" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await ApiCalls.SendAsync(other, HttpMethod.Post, $"/api/v1/invoices/{id}/{action}", null)).Status);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await ApiCalls.SendAsync(other, HttpMethod.Post, $"/api/v1/invoices/{id}/credit-notes", new { amount = 1, reason = "x" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await ApiCalls.SendAsync(other, HttpMethod.Put, $"/api/v1/consumers/{consumerId}/tax-rate", new { code = (string?)null })).Status);
        Assert.Empty((await ApiCalls.SendAsync(other, HttpMethod.Get, $"/api/v1/invoices?consumerId={consumerId}", null)).Body.EnumerateArray());
        var foreign = await ApiCalls.SendAsync(other, HttpMethod.Post, "/api/v1/billing-runs", new { consumerIds = new[] { consumerId } });
        Assert.True(foreign.Body.GetProperty("errors").TryGetProperty("consumerIds", out _), foreign.Body.ToString());
    }

    [Fact]
    public async Task InvoiceList_PagesWithATotalAndANextLinkThatKeepsTheFilter()
    {
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);
        var (consumerId, _, _) = await SubscribedConsumerAsync(admin, calls: 2);
        await RunAsync(admin, new { consumerIds = new[] { consumerId } });
        var all = (await ApiCalls.SendAsync(admin, HttpMethod.Get, $"/api/v1/invoices?consumerId={consumerId}", null)).Body.EnumerateArray().ToList();
        await ApiCalls.SendAsync(admin, HttpMethod.Post, $"/api/v1/invoices/{all[0].GetProperty("id").GetGuid()}/credit-notes", new { amount = 1.00, reason = "goodwill" });
        all = [.. (await ApiCalls.SendAsync(admin, HttpMethod.Get, $"/api/v1/invoices?consumerId={consumerId}", null)).Body.EnumerateArray()];

        using var first = await admin.GetAsync($"/api/v1/invoices?consumerId={consumerId}&limit=2");
        var next = first.Headers.GetValues("Link").Single();
        using var second = await admin.GetAsync(next[1..next.IndexOf('>', StringComparison.Ordinal)]);
        using var badLimit = await admin.GetAsync("/api/v1/invoices?limit=1001");

        Assert.Equal(3, all.Count);
        Assert.Equal("3", first.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal($"</api/v1/invoices?consumerId={consumerId}&limit=2&offset=2>; rel=\"next\"", next);
        Assert.False(second.Headers.Contains("Link"));
        var paged = (await first.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Concat((await second.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray());
        Assert.Equal(all.Select(i => i.GetProperty("id").GetGuid()), paged.Select(i => i.GetProperty("id").GetGuid()));
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
        Assert.Equal("must be 1 to 1,000.", (await badLimit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("limit")[0].GetString());
    }

    [Theory]
    [InlineData("/api/v1/billing-runs", """{"consumerIds": ["00000000-0000-0000-0000-000000000001"]}""", "consumerIds")]
    [InlineData("/api/v1/billing-runs", """{"planIds": ["00000000-0000-0000-0000-000000000001"]}""", "planIds")]
    [InlineData("/api/v1/billing-runs", """{"asOf": "2999-01-01T00:00:00Z"}""", "asOf")]
    public async Task StartRun_WithABadField_IsAProblemNamingTheField(string path, string body, string field)
    {
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);

        using var response = await admin.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), problem.RootElement.ToString());
    }

    private Task<(Guid ConsumerId, Guid PlanId, DateTimeOffset[] Months)> SubscribedConsumerAsync(HttpClient admin, int calls) =>
        ApiBilling.SubscribedConsumerAsync(factory, admin, calls);

    private static Task<JsonElement> RunAsync(HttpClient client, object body) => ApiBilling.RunAsync(client, body);
}
