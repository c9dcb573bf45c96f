using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tariff.Platform.Accounts;

namespace Tariff.Studio.Tests.Api;

/// <summary>
/// Prepaid credit over the real HTTP pipeline and PostgreSQL: a wallet funded by a grant and a top-up pays two months
/// of invoices in priority order, the ledger shows each step, bad fields are named, roles hold, and another tenant
/// finds nothing.
/// </summary>
public sealed class WalletApiTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    [Fact]
    public async Task GrantAndTopUp_PayTwoMonthsOfInvoices_InPriorityOrder_AndTheLedgerShowsEachStep()
    {
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);
        using var operatorKey = await ApiCalls.ClientAsync(factory, Roles.Operator);
        var (consumerId, _, _) = await ApiBilling.SubscribedConsumerAsync(factory, admin, calls: 3);
        var walletId = await WalletAsync(operatorKey, consumerId);
        var topUp = await ApiCalls.SendAsync(operatorKey, HttpMethod.Post, $"/api/v1/wallets/{walletId}/credits", new { kind = "top_up", amount = 20.00, reference = "PO-1" });
        var grant = await ApiCalls.SendAsync(operatorKey, HttpMethod.Post, $"/api/v1/wallets/{walletId}/credits",
            new { kind = "grant", amount = 5.00, priority = 0, expiresAt = factory.Services.GetRequiredService<TimeProvider>().GetUtcNow().AddYears(1) });
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (topUp.Status, grant.Status));

        await ApiBilling.RunAsync(admin, new { consumerIds = new[] { consumerId } });

        var invoices = (await ApiCalls.SendAsync(admin, HttpMethod.Get, $"/api/v1/invoices?consumerId={consumerId}", null)).Body.EnumerateArray().ToList();
        Assert.Equal([("paid", 13.00m, 13.00m, 0m), ("paid", 10.00m, 10.00m, 0m)], invoices.Select(i => (i.GetProperty("status").GetString(),
            i.GetProperty("total").GetDecimal(), i.GetProperty("creditApplied").GetDecimal(), i.GetProperty("amountDue").GetDecimal())));
        var wallet = (await ApiCalls.SendAsync(admin, HttpMethod.Get, $"/api/v1/wallets/{walletId}", null)).Body;
        Assert.Equal((2.00m, 10.00m, -8.00m), (wallet.GetProperty("balance").GetDecimal(), wallet.GetProperty("pending").GetDecimal(), wallet.GetProperty("ongoing").GetDecimal()));
        Assert.Equal([("grant", "used", 0m), ("top_up", "active", 2.00m)], wallet.GetProperty("credits").EnumerateArray()
            .Select(c => (c.GetProperty("kind").GetString(), c.GetProperty("state").GetString(), c.GetProperty("remaining").GetDecimal())));
        var ledger = (await ApiCalls.SendAsync(admin, HttpMethod.Get, $"/api/v1/wallets/{walletId}/ledger", null)).Body.EnumerateArray().ToList();
        Assert.Equal([("consumed", -10.00m, 2.00m), ("consumed", -8.00m, 12.00m), ("consumed", -5.00m, 20.00m), ("funded", 5.00m, 25.00m), ("funded", 20.00m, 20.00m)],
            ledger.Select(e => (e.GetProperty("entry").GetString(), e.GetProperty("amount").GetDecimal(), e.GetProperty("balance").GetDecimal())));
        Assert.Equal(invoices[1].GetProperty("id").GetGuid(), ledger[0].GetProperty("invoiceId").GetGuid());
        var page = (await ApiCalls.SendAsync(admin, HttpMethod.Get, $"/api/v1/wallets/{walletId}/ledger?before={ledger[1].GetProperty("id").GetInt64()}&limit=2", null)).Body;
        Assert.Equal([-5.00m, 5.00m], page.EnumerateArray().Select(e => e.GetProperty("amount").GetDecimal()));

        using var html = await admin.GetAsync($"/api/v1/invoices/{invoices[0].GetProperty("id").GetGuid()}/html");
        var printed = await html.Content.ReadAsStringAsync();
        Assert.Contains("Paid from prepaid credit</td><td class=\"n\">-13.00</td>", printed, StringComparison.Ordinal);
        Assert.Contains("Amount due EUR</td><td class=\"n\">0.00</td>", printed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WalletList_OfOneConsumer_PagesByCurrencyWithATotalAndANextLink()
    {
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);
        var consumerId = await ConsumerAsync(admin);
        foreach (var currency in new[] { "USD", "EUR", "JPY" })
        {
            Assert.Equal(HttpStatusCode.Created, (await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/wallets", new { consumerId, currency })).Status);
        }

        using var first = await admin.GetAsync($"/api/v1/wallets?consumerId={consumerId}&limit=2");
        var next = first.Headers.GetValues("Link").Single();
        using var second = await admin.GetAsync(next[1..next.IndexOf('>', StringComparison.Ordinal)]);
        var badOffset = await ApiCalls.SendAsync(admin, HttpMethod.Get, "/api/v1/wallets?offset=-1", null);

        Assert.Equal("3", first.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal($"</api/v1/wallets?consumerId={consumerId}&limit=2&offset=2>; rel=\"next\"", next);
        Assert.False(second.Headers.Contains("Link"));
        var currencies = (await first.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Concat((await second.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray())
            .Select(w => w.GetProperty("currency").GetString());
        Assert.Equal(["EUR", "JPY", "USD"], currencies);
        Assert.Equal(HttpStatusCode.BadRequest, badOffset.Status);
        Assert.Equal("must be 0 or more.", badOffset.Body.GetProperty("errors").GetProperty("offset")[0].GetString());
    }

    [Fact]
    public async Task Roles_AnAnalystReadsWalletsButCannotFundThem_AndVoidingTakesTheCreditBack()
    {
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);
        using var analyst = await ApiCalls.ClientAsync(factory, Roles.Analyst);
        var walletId = await WalletAsync(admin, await ConsumerAsync(admin));
        var credit = (await ApiCalls.SendAsync(admin, HttpMethod.Post, $"/api/v1/wallets/{walletId}/credits", new { kind = "grant", amount = 50 })).Body.GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.OK, (await ApiCalls.SendAsync(analyst, HttpMethod.Get, $"/api/v1/wallets/{walletId}", null)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await ApiCalls.SendAsync(analyst, HttpMethod.Post, $"/api/v1/wallets/{walletId}/credits", new { kind = "grant", amount = 5 })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await ApiCalls.SendAsync(analyst, HttpMethod.Post, $"/api/v1/wallets/{walletId}/credits/{credit}/void", new { reason = "x" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await ApiCalls.SendAsync(analyst, HttpMethod.Put, $"/api/v1/wallets/{walletId}/settings", new { })).Status);

        var voided = await ApiCalls.SendAsync(admin, HttpMethod.Post, $"/api/v1/wallets/{walletId}/credits/{credit}/void", new { reason = "granted twice" });
        Assert.Equal(("voided", 0m), (voided.Body.GetProperty("state").GetString(), voided.Body.GetProperty("remaining").GetDecimal()));
        var ledger = (await ApiCalls.SendAsync(admin, HttpMethod.Get, $"/api/v1/wallets/{walletId}/ledger", null)).Body;
        Assert.Equal(("voided", "voided: granted twice", 0m), (ledger[0].GetProperty("entry").GetString(), ledger[0].GetProperty("description").GetString(),
            ledger[0].GetProperty("balance").GetDecimal()));
    }

    [Theory]
    [InlineData("POST", "/api/v1/wallets", """{"currency": "EURO", "consumerId": "{consumer}"}""", "currency")]
    [InlineData("POST", "/api/v1/wallets", """{"currency": "EUR"}""", "consumerId")]
    [InlineData("POST", "/api/v1/wallets", """{"currency": "EUR", "consumerId": "{consumer}", "lowBalanceAmount": 5, "lowBalancePercent": 10}""", "lowBalancePercent")]
    [InlineData("POST", "/api/v1/wallets", """{"currency": "EUR", "consumerId": "{consumer}", "rechargeBelow": 5}""", "rechargeAmount")]
    [InlineData("POST", "/api/v1/wallets/{wallet}/credits", """{"kind": "top_up", "amount": 1.234}""", "amount")]
    [InlineData("POST", "/api/v1/wallets/{wallet}/credits", """{"kind": "gift", "amount": 1}""", "kind")]
    [InlineData("POST", "/api/v1/wallets/{wallet}/credits", """{"kind": "grant", "amount": 1, "expiresAt": "2001-01-01T00:00:00Z"}""", "expiresAt")]
    [InlineData("PUT", "/api/v1/wallets/{wallet}/settings", """{"lowBalancePercent": 150}""", "lowBalancePercent")]
    [InlineData("GET", "/api/v1/wallets/{wallet}/ledger?limit=0", "", "limit")]
    public async Task ABadField_IsAProblemNamingTheField(string method, string path, string body, string field)
    {
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);
        var consumerId = await ConsumerAsync(admin);
        var walletId = await WalletAsync(admin, consumerId);
        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{wallet}", walletId.ToString(), StringComparison.Ordinal));
        if (body.Length > 0)
        {
            request.Content = new StringContent(body.Replace("{consumer}", consumerId.ToString(), StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), problem.RootElement.ToString());
    }

    [Fact]
    public async Task AnotherTenant_TryingEveryWalletId_Gets404()
    {
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);
        using var other = ApiCalls.ClientWithKey(factory, await ApiCalls.OtherTenantKeyAsync(factory));
        var consumerId = await ConsumerAsync(admin);
        var walletId = await WalletAsync(admin, consumerId);
        var credit = (await ApiCalls.SendAsync(admin, HttpMethod.Post, $"/api/v1/wallets/{walletId}/credits", new { kind = "grant", amount = 50 })).Body.GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.NotFound, (await ApiCalls.SendAsync(other, HttpMethod.Get, $"/api/v1/wallets/{walletId}", null)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await ApiCalls.SendAsync(other, HttpMethod.Get, $"/api/v1/wallets/{walletId}/ledger", null)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await ApiCalls.SendAsync(other, HttpMethod.Post, $"/api/v1/wallets/{walletId}/credits", new { kind = "grant", amount = 5 })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await ApiCalls.SendAsync(other, HttpMethod.Post, $"/api/v1/wallets/{walletId}/credits/{credit}/void", new { reason = "x" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await ApiCalls.SendAsync(other, HttpMethod.Put, $"/api/v1/wallets/{walletId}/settings", new { })).Status);
        Assert.Empty((await ApiCalls.SendAsync(other, HttpMethod.Get, $"/api/v1/wallets?consumerId={consumerId}", null)).Body.EnumerateArray());
        var foreign = await ApiCalls.SendAsync(other, HttpMethod.Post, "/api/v1/wallets", new { consumerId, currency = "EUR" });
        Assert.True(foreign.Body.GetProperty("errors").TryGetProperty("consumerId", out _), foreign.Body.ToString());
        Assert.Equal(50m, (await ApiCalls.SendAsync(admin, HttpMethod.Get, $"/api/v1/wallets/{walletId}", null)).Body.GetProperty("balance").GetDecimal());
    }

    private static async Task<Guid> ConsumerAsync(HttpClient client) =>
        (await ApiCalls.SendAsync(client, HttpMethod.Post, "/api/v1/consumers", new { code = ApiCalls.Code("w"), name = "Wallet owner", identities = Array.Empty<string>() }))
            .Body.GetProperty("id").GetGuid();

    private static async Task<Guid> WalletAsync(HttpClient client, Guid consumerId)
    {
        var created = await ApiCalls.SendAsync(client, HttpMethod.Post, "/api/v1/wallets", new { consumerId, currency = "EUR" });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        return created.Body.GetProperty("id").GetGuid();
    }
}
