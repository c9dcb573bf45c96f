using System.Net;
using Tariff.Platform.Accounts;
using Tariff.Studio.Tests.Api;

namespace Tariff.Studio.Tests.Pages;

/// <summary>The backtest over the API and its page, on the real pipeline and PostgreSQL.</summary>
public sealed class BacktestPagesTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    [Fact]
    public async Task SavedDraft_IsBacktestedOverTheLastClosedMonth_OnThePageAndOverTheApi()
    {
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);
        var (consumerId, planId, _) = await ApiBilling.SubscribedConsumerAsync(factory, admin, calls: 3);
        var draft = ApiBilling.PlanText.Replace("fee base 10.00", "fee base 15.00", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await ApiCalls.SendAsync(admin, HttpMethod.Put, $"/api/v1/plans/{planId}/draft", new { text = draft })).Status);
        using var analyst = await ConsumerPagesTests.SignedInAsync(factory, Roles.Analyst);

        // The last closed month had no calls (they were the month before): only the fee differs, 10.00 against 15.00.
        var api = (await ApiCalls.SendAsync(admin, HttpMethod.Get, $"/api/v1/plans/{planId}/backtest", null)).Body;
        var row = api.GetProperty("rows").EnumerateArray().Single();
        Assert.Equal((consumerId, 0, 10.00m, 15.00m), (row.GetProperty("consumerId").GetGuid(), row.GetProperty("events").GetInt32(),
            row.GetProperty("published").GetDecimal(), row.GetProperty("draft").GetDecimal()));
        Assert.Equal((5.00m, 50.0m), (api.GetProperty("change").GetDecimal(), api.GetProperty("changePercent").GetDecimal()));

        var editor = await StudioForms.PageAsync(analyst, $"/plans/{planId}");
        Assert.NotNull(editor.QuerySelector($"a[href='plans/{planId}/backtest']"));
        var page = await StudioForms.PageAsync(analyst, $"/plans/{planId}/backtest");
        Assert.Equal("10.00 EUR", page.Text("backtest-published"));
        Assert.Equal("15.00 EUR", page.Text("backtest-draft"));
        Assert.Equal("+5.00 EUR (+50.0%)", page.Text("backtest-change"));
        Assert.Single(page.QuerySelectorAll("[data-testid=backtest-table] tbody tr[data-consumer]"));

        await ApiCalls.SendAsync(admin, HttpMethod.Put, $"/api/v1/plans/{planId}/draft", new { text = draft.Replace("EUR", "USD", StringComparison.Ordinal) });
        var refused = await StudioForms.PageAsync(analyst, $"/plans/{planId}/backtest");
        Assert.StartsWith("the draft bills in USD", refused.Text("backtest-error"), StringComparison.Ordinal);
        var problem = await ApiCalls.SendAsync(admin, HttpMethod.Get, $"/api/v1/plans/{planId}/backtest", null);
        Assert.Equal(HttpStatusCode.BadRequest, problem.Status);
        Assert.True(problem.Body.GetProperty("errors").TryGetProperty("text", out _));
        using var other = ApiCalls.ClientWithKey(factory, await ApiCalls.OtherTenantKeyAsync(factory));
        Assert.Equal(HttpStatusCode.NotFound, (await ApiCalls.SendAsync(other, HttpMethod.Get, $"/api/v1/plans/{planId}/backtest", null)).Status);
    }
}
