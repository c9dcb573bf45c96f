using System.Net;
using Tariff.Platform.Accounts;
using Tariff.Studio.Tests.Api;

namespace Tariff.Studio.Tests.Pages;

/// <summary>The wallet pages over the real pipeline and PostgreSQL: opening, funding, rules, voiding, the ledger, and read-only analysts.</summary>
public sealed class WalletPagesTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    [Fact]
    public async Task Operator_OpensFundsConfiguresAndVoids_EachBadFieldNamedNextToIt()
    {
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);
        var code = ApiCalls.Code("w");
        var consumerId = (await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/consumers", new { code, name = "Wallet owner" })).Body.GetProperty("id").GetGuid();
        using var browser = await ConsumerPagesTests.SignedInAsync(factory, Roles.Operator);

        var noConsumer = await StudioForms.SubmitAsync(browser, "/wallets", "[data-testid=wallet-form]", ("Input.ConsumerCode", ""), ("Input.Currency", "EUR"));
        Assert.Equal("Type the code of the consumer the wallet belongs to.", noConsumer.Text("error-consumerId"));
        var unknown = await StudioForms.SubmitAsync(browser, "/wallets", "[data-testid=wallet-form]", ("Input.ConsumerCode", "nobody-here"), ("Input.Currency", "EUR"));
        Assert.Equal("No consumer has the code 'nobody-here'.", unknown.Text("error-consumerId"));
        Assert.Equal("nobody-here", unknown.QuerySelector("#consumer")?.GetAttribute("value"));
        var badCurrency = await StudioForms.SubmitAsync(browser, "/wallets", "[data-testid=wallet-form]", ("Input.ConsumerCode", code), ("Input.Currency", "EURO"));
        Assert.StartsWith("'EURO' is not an ISO 4217 currency code", badCurrency.Text("error-currency"), StringComparison.Ordinal);
        using var opened = await StudioForms.PostAsync(browser, "/wallets", "[data-testid=wallet-form]",
            [new("Input.ConsumerCode", $" {code} "), new("Input.Currency", "EUR")]);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var path = opened.Headers.Location!.AbsolutePath;

        var typo = await StudioForms.SubmitAsync(browser, path, "[data-testid=credit-form]",
            ("Credit.Kind", "top_up"), ("Credit.Amount", "12,5O"), ("Credit.Priority", "first"), ("Credit.ExpiresOn", "next year"));
        Assert.Equal("'12,5O' is not a number; write it with a point, such as 12.50.", typo.Text("error-amount"));
        Assert.Equal("'first' is not a whole number.", typo.Text("error-priority"));
        Assert.Equal("'next year' is not a date; write it as yyyy-MM-dd.", typo.Text("error-expiresAt"));
        var decimals = await StudioForms.SubmitAsync(browser, path, "[data-testid=credit-form]", ("Credit.Kind", "grant"), ("Credit.Amount", "1.005"));
        Assert.Equal("1.005 has more decimals than EUR's 2.", decimals.Text("error-amount"));
        var funded = await StudioForms.SubmitAsync(browser, path, "[data-testid=credit-form]",
            ("Credit.Kind", "top_up"), ("Credit.Amount", "40.00"), ("Credit.Reference", "PO-9"));
        Assert.Equal("Added 40.00 EUR of credit.", funded.Text("wallet-message"));
        Assert.Equal("40.00 EUR", funded.Text("wallet-balance"));

        var both = await StudioForms.SubmitAsync(browser, path, "[data-testid=settings-form]", ("Settings.LowBalanceAmount", "5"), ("Settings.LowBalancePercent", "10"));
        Assert.NotNull(both.Text("error-lowBalancePercent"));
        var partial = await StudioForms.SubmitAsync(browser, path, "[data-testid=settings-form]", ("Settings.RechargeBelow", "5"));
        Assert.StartsWith("automatic recharge needs all three", partial.Text("error-rechargeAmount"), StringComparison.Ordinal);
        var saved = await StudioForms.SubmitAsync(browser, path, "[data-testid=settings-form]",
            ("Settings.LowBalancePercent", "20"), ("Settings.RechargeBelow", "5"), ("Settings.RechargeAmount", "25"), ("Settings.RechargeMonthlyMax", "100"));
        Assert.Equal("warn at 20% of the credit in force; recharge 25 EUR below 5, at most 100 a month", saved.Text("wallet-rules"));

        var creditId = saved.QuerySelector("#credit option[value!='']")!.GetAttribute("value")!;
        var noReason = await StudioForms.SubmitAsync(browser, path, "[data-testid=void-form]", ("Void.CreditId", creditId), ("Void.Reason", ""));
        Assert.NotNull(noReason.Text("error-reason"));
        var voided = await StudioForms.SubmitAsync(browser, path, "[data-testid=void-form]", ("Void.CreditId", creditId), ("Void.Reason", "refunded"));
        Assert.Equal("Voided 40.00 EUR top up.", voided.Text("wallet-message"));
        // Nothing left is below the recharge threshold of 5: the rule saved above recharges 25 at once.
        Assert.Equal("25.00 EUR", voided.Text("wallet-balance"));
        var ledger = voided.QuerySelectorAll("[data-testid=ledger-table] tbody tr").Select(r => r.Children[1].TextContent + " " + r.Children[3].TextContent).ToList();
        Assert.Equal(["funded 25.00 EUR", "voided -40.00 EUR", "funded 40.00 EUR"], ledger);

        var list = await StudioForms.PageAsync(browser, "/wallets");
        Assert.Contains(code, list.Text("wallet-table"), StringComparison.Ordinal);
        var owner = await StudioForms.PageAsync(browser, $"/consumers/{consumerId}");
        Assert.Equal(path, "/" + owner.QuerySelector("[data-testid=consumer-wallets] a")!.GetAttribute("href"));
        Assert.Equal("25.00 EUR", owner.Text("consumer-wallet-balance"));
    }

    [Fact]
    public async Task Analyst_SeesTheWalletButNoForms_AndAnUnknownWalletIs404()
    {
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);
        var consumerId = (await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/consumers", new { code = ApiCalls.Code("w"), name = "Read only" })).Body.GetProperty("id").GetGuid();
        var walletId = (await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/wallets", new { consumerId, currency = "JPY" })).Body.GetProperty("id").GetGuid();
        await ApiCalls.SendAsync(admin, HttpMethod.Post, $"/api/v1/wallets/{walletId}/credits", new { kind = "grant", amount = 5000 });
        using var analyst = await ConsumerPagesTests.SignedInAsync(factory, Roles.Analyst);

        var page = await StudioForms.PageAsync(analyst, $"/wallets/{walletId}");

        Assert.Equal("5000 JPY", page.Text("wallet-balance"));
        Assert.NotNull(page.Text("read-only"));
        Assert.Null(page.QuerySelector("[data-testid=credit-form]"));
        Assert.Null((await StudioForms.PageAsync(analyst, "/wallets")).QuerySelector("[data-testid=wallet-form]"));
        using var missing = await analyst.GetAsync($"/wallets/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
