using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Tariff.Engine.Usage;
using Tariff.Platform.Accounts;
using Tariff.Platform.Usage;
using Tariff.Studio.Tests.Api;

namespace Tariff.Studio.Tests.Pages;

/// <summary>The saved-query pages over the real pipeline and PostgreSQL: draft, problems, trying, publishing, results, versions, rollback and diff.</summary>
public sealed class QueryPagesTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    [Fact]
    public async Task Analyst_WritesAQueryWithAnError_TriesIt_PublishesTwice_RollsBack_AndCompares()
    {
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);
        var (consumer, identity) = (ApiCalls.Code("C"), ApiCalls.Code("gw"));
        await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/consumers", new { code = consumer, name = "Umbrella", identities = new[] { identity } });
        var now = factory.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var tenant = (await ApiCalls.SendAsync(admin, HttpMethod.Get, "/api/v1/me", null)).Body.GetProperty("tenantId").GetGuid();
        await factory.Services.GetRequiredService<IUsageStore>().AppendAsync(tenant,
            [.. Enumerable.Range(0, 5).Select(i => new IncomingEvent(new UsageEvent(Guid.NewGuid().ToString("N"), now.AddMinutes(-i), identity), Late: false))], now);
        // Two days and 24 hours, so that the events of the last minutes are inside even when the test runs across midnight.
        var text = $"meter calls {{\n    count\n}}\n\nquery today {{\n    show cals\n    last 2 days\n    consumers \"{consumer}\"\n}}\n";
        using var browser = await ConsumerPagesTests.SignedInAsync(factory, Roles.Analyst);

        var badCode = await StudioForms.SubmitAsync(browser, "/usage/queries", "[data-testid=query-form]", ("Input.Code", "Today Only"), ("Input.Text", text));
        using var created = await StudioForms.PostAsync(browser, "/usage/queries", "[data-testid=query-form]", [new("Input.Code", ApiCalls.Code("q")), new("Input.Text", text)]);
        var path = created.Headers.Location!.AbsolutePath;
        var draft = await StudioForms.PageAsync(browser, path);
        var fixedText = text.Replace("cals", "calls", StringComparison.Ordinal);
        var tried = await StudioForms.SubmitAsync(browser, path, "[data-testid=draft-form]", ("Draft.Text", fixedText), ("Draft.Action", "try"));
        var refused = await StudioForms.SubmitAsync(browser, path, "[data-testid=publish-form]", ("Publication.Comment", "first"));
        await StudioForms.SubmitAsync(browser, path, "[data-testid=draft-form]", ("Draft.Text", fixedText), ("Draft.Action", "save"));
        var published = await StudioForms.SubmitAsync(browser, path, "[data-testid=publish-form]", ("Publication.Comment", "calls today"));
        await StudioForms.SubmitAsync(browser, path, "[data-testid=draft-form]", ("Draft.Text", fixedText.Replace("last 2 days", "last 24 hours\n    step hour", StringComparison.Ordinal)), ("Draft.Action", "save"));
        var hourly = await StudioForms.SubmitAsync(browser, path, "[data-testid=publish-form]", ("Publication.Comment", "by hour"));
        var rolledBack = await StudioForms.SubmitAsync(browser, $"{path}/versions", "[data-testid=rollback-form]", ("RollbackTo", "1"));
        var diff = await StudioForms.PageAsync(browser, $"{path}/diff?left=1&right=2");

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.StartsWith("'Today Only' is not a code", badCode.Text("error-code"), StringComparison.Ordinal);
        Assert.Contains("6:10 TRF0101 unknown meter `cals`", draft.Text("problems"), StringComparison.Ordinal);
        Assert.Equal("Publish the draft to see its result here, or run the text without saving.", draft.Text("no-result"));
        Assert.StartsWith("The text as typed, not saved", tried.Text("result-title"), StringComparison.Ordinal);
        Assert.Equal($"{consumer} calls — 5", Cells(tried));
        Assert.StartsWith("has 1 error(s); the first, TRF0101", refused.Text("error-draft"), StringComparison.Ordinal);
        Assert.Equal("Published v1.", published.Text("query-message"));
        Assert.Equal($"{consumer} calls — 5", Cells(published));
        Assert.EndsWith("/result.csv", published.QuerySelector("[data-testid=result-csv]")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Contains(", per hour", hourly.Text("result-title"), StringComparison.Ordinal);
        Assert.NotNull(hourly.QuerySelector("[data-testid=query-chart]"));
        Assert.Equal("Restored v1 as v3; the history keeps every version.", rolledBack.Text("rollback-result"));
        Assert.Equal(["3", "2", "1"], rolledBack.QuerySelectorAll("[data-testid=version-table] tr[data-version]").Select(r => r.GetAttribute("data-version")));
        Assert.Contains("last 24 hours", diff.GetElementById("diff-data")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("last 2 days", diff.GetElementById("diff-data")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyst_TryingATextOverTheLimit_SeesTheErrorUnderTheField()
    {
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);
        var id = await NewQueryAsync(admin, "query q { }");
        using var analyst = await ConsumerPagesTests.SignedInAsync(factory, Roles.Analyst);

        var page = await StudioForms.SubmitAsync(analyst, $"/usage/queries/{id}", "[data-testid=draft-form]",
            ("Draft.Text", new string('#', Tariff.Platform.Catalog.PlanDocument.MaxLength + 1)), ("Draft.Action", "try"));

        Assert.StartsWith("is required: the query's text, at most", page.Text("error-text"), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("[data-testid=result-table]"));
    }

    [Fact]
    public async Task Operator_ReadsTheDraftButHasNoForms()
    {
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);
        var id = await NewQueryAsync(admin, "query q { }");
        using var operatorBrowser = await ConsumerPagesTests.SignedInAsync(factory, Roles.Operator);

        var page = await StudioForms.PageAsync(operatorBrowser, $"/usage/queries/{id}");

        Assert.Equal("query q { }", page.Text("draft-text"));
        Assert.Null(page.QuerySelector("[data-testid=draft-form]"));
        Assert.Null((await StudioForms.PageAsync(operatorBrowser, "/usage/queries")).QuerySelector("[data-testid=query-form]"));
    }

    // The result table's cells, row by row, without the step column.
    [Fact]
    public async Task PublishedResult_PagesItsRows_InTheOrderOfTheApi()
    {
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);
        var tenant = (await ApiCalls.SendAsync(admin, HttpMethod.Get, "/api/v1/me", null)).Body.GetProperty("tenantId").GetGuid();
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var codes = new List<string>();
        foreach (var name in new[] { "Hourly A", "Hourly B" })
        {
            var (consumer, identity) = (ApiCalls.Code("C"), ApiCalls.Code("gw"));
            codes.Add(consumer);
            await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/consumers", new { code = consumer, name, identities = new[] { identity } });
            await factory.Services.GetRequiredService<IUsageStore>().AppendAsync(tenant,
                [.. Enumerable.Range(0, 72).Select(h => new IncomingEvent(new UsageEvent(Guid.NewGuid().ToString("N"), start.AddHours(h).AddMinutes(5), identity), Late: true))],
                start.AddDays(4));
        }

        var text = $"meter calls {{\n    count\n}}\n\nquery hourly {{\n    show calls\n    from 2026-01-01 to 2026-01-04\n    step hour\n    consumers \"{codes[0]}\", \"{codes[1]}\"\n}}\n";
        var id = await NewQueryAsync(admin, text);
        await ApiCalls.SendAsync(admin, HttpMethod.Post, $"/api/v1/queries/{id}/publish", new { comment = "hourly" });
        var rows = (await ApiCalls.SendAsync(admin, HttpMethod.Get, $"/api/v1/queries/{id}/result", null)).Body.GetProperty("rows").EnumerateArray()
            .Select(r => $"{r.GetProperty("consumer").GetString()} {r.GetProperty("step").GetDateTimeOffset():yyyy-MM-dd HH:mm}").ToList();
        using var browser = await ConsumerPagesTests.SignedInAsync(factory, Roles.Analyst);

        var first = await StudioForms.PageAsync(browser, $"/usage/queries/{id}");
        var second = await StudioForms.PageAsync(browser, $"/usage/queries/{id}?page=2");

        Assert.Equal(144, rows.Count);
        Assert.Equal(rows[..100], Shown(first));
        Assert.Equal(rows[100..], Shown(second));
        Assert.Contains("Page 1 of 2 · 144 rows", first.Text("pager"), StringComparison.Ordinal);
        Assert.Null(first.QuerySelector("[data-testid=result-cut]"));
    }

    /// <summary>Creates a saved query (a draft) with <paramref name="text"/> through the API; its id.</summary>
    private static async Task<Guid> NewQueryAsync(HttpClient admin, string text) =>
        (await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/queries", new { code = ApiCalls.Code("q"), text })).Body.GetProperty("query").GetProperty("id").GetGuid();

    private static List<string> Shown(AngleSharp.Dom.IDocument page) => [.. page.QuerySelectorAll("[data-testid=result-table] tbody tr")
        .Select(r => $"{r.Children[0].TextContent.Trim()} {r.Children[1].TextContent.Trim()}")];

    private static string Cells(AngleSharp.Dom.IDocument page) => string.Join(" | ", page.QuerySelectorAll("[data-testid=result-table] tbody tr")
        .Select(r => string.Join(" ", r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).Where(c => !c.Contains(':', StringComparison.Ordinal)))));
}
