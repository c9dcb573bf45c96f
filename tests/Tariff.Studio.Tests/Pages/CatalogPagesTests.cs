using Microsoft.Extensions.DependencyInjection;
using Tariff.Platform.Accounts;
using Tariff.Platform.Alerts;
using Tariff.Studio.Tests.Api;

namespace Tariff.Studio.Tests.Pages;

/// <summary>The products and alerts pages over the real pipeline and PostgreSQL.</summary>
public sealed class CatalogPagesTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    [Fact]
    public async Task NewProduct_BadCodeIsAFieldError_AGoodOneIsListed_AndOperatorsHaveNoForm()
    {
        using var analyst = await ConsumerPagesTests.SignedInAsync(factory, Roles.Analyst);

        var invalid = await StudioForms.SubmitAsync(analyst, "/products", "[data-testid=product-form]", ("Input.Code", "Search API"), ("Input.Name", "Search"));
        Assert.StartsWith("'Search API' is not a code", invalid.Text("error-code"), StringComparison.Ordinal);

        var code = ApiCalls.Code("p");
        var created = await StudioForms.SubmitAsync(analyst, "/products", "[data-testid=product-form]",
            ("Input.Code", code), ("Input.Name", "Search"), ("Input.Description", "Full-text search over HTTP"));
        Assert.StartsWith($"Created {code}", created.Text("product-message"), StringComparison.Ordinal);
        Assert.Contains("Full-text search over HTTP", created.Text("product-table"), StringComparison.Ordinal);

        using var operatorBrowser = await ConsumerPagesTests.SignedInAsync(factory, Roles.Operator);
        var readOnly = await StudioForms.PageAsync(operatorBrowser, "/products");
        Assert.Null(readOnly.QuerySelector("[data-testid=product-form]"));
        Assert.Contains(code, readOnly.Text("product-table"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alert_MarkedReadFromThePage_LeavesTheUnreadList()
    {
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);
        var consumerId = (await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/consumers", new { code = ApiCalls.Code("C"), name = "Alerted" })).Body.GetProperty("id").GetGuid();
        var tenant = (await ApiCalls.SendAsync(admin, HttpMethod.Get, "/api/v1/me", null)).Body.GetProperty("tenantId").GetGuid();
        var start = factory.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var alert = await factory.Services.GetRequiredService<AlertStore>().RaiseAsync(tenant,
            new AlertCandidate(consumerId, null, Alert.QuotaKind, "calls", 80, start, start.AddMonths(1), 81, 100, "calls at 81% of the quota"));
        using var browser = await ConsumerPagesTests.SignedInAsync(factory, Roles.Operator);

        var unread = await StudioForms.PageAsync(browser, "/alerts?unread=true");
        Assert.NotNull(unread.QuerySelector($"[data-alert='{alert!.Id}']"));

        await StudioForms.SubmitAsync(browser, "/alerts?unread=true", "[data-testid=alert-form]", ("Toggle", $"read:{alert.Id}"));

        Assert.Null((await StudioForms.PageAsync(browser, "/alerts?unread=true")).QuerySelector($"[data-alert='{alert.Id}']"));
        Assert.Contains("Mark unread", (await StudioForms.PageAsync(browser, "/alerts")).QuerySelector($"[data-alert='{alert.Id}']")?.TextContent, StringComparison.Ordinal);
    }
}
