using System.Net;
using Tariff.Platform.Accounts;
using Tariff.Studio.Tests.Api;

namespace Tariff.Studio.Tests.Pages;

/// <summary>The schedule pages over the real pipeline, PostgreSQL and Quartz's job store: draft, diagnostics, publish, pause and resume.</summary>
public sealed class SchedulePagesTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    private const string Broken = """
        schedule nightly {
            cron "every night"
        }
        """;

    [Fact]
    public async Task Operator_DraftsWithAnError_SeesWhere_FixesPublishesPausesAndResumes()
    {
        using var browser = await ConsumerPagesTests.SignedInAsync(factory, Roles.Operator);
        var badCode = await StudioForms.SubmitAsync(browser, "/billing/schedules", "[data-testid=schedule-form]", ("Input.Code", "Nightly Run"), ("Input.Text", Broken));
        Assert.StartsWith("'Nightly Run' is not a code", badCode.Text("error-code"), StringComparison.Ordinal);

        var code = ApiCalls.Code("s");
        using var created = await StudioForms.PostAsync(browser, "/billing/schedules", "[data-testid=schedule-form]", [new("Input.Code", code), new("Input.Text", Broken)]);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var path = created.Headers.Location!.AbsolutePath;
        var draft = await StudioForms.PageAsync(browser, path);
        Assert.Equal("unpublished", draft.Text("schedule-state"));
        Assert.StartsWith("line 2, column 10:", draft.Text("diagnostics"), StringComparison.Ordinal);

        var refused = await StudioForms.SubmitAsync(browser, path, "[data-testid=publish-form]", ("Publication.Comment", "first"));
        Assert.StartsWith("has 1 error(s); the first,", refused.Text("error-draft"), StringComparison.Ordinal);
        var saved = await StudioForms.SubmitAsync(browser, path, "[data-testid=draft-form]", ("Draft.Text", Broken.Replace("every night", "0 0 2 * * ?", StringComparison.Ordinal)));
        Assert.Equal("Saved the draft.", saved.Text("schedule-message"));
        Assert.Null(saved.Text("diagnostics"));
        var published = await StudioForms.SubmitAsync(browser, path, "[data-testid=publish-form]", ("Publication.Comment", "nightly at two"));
        Assert.Equal("Published v1.", published.Text("schedule-message"));
        Assert.Equal("active", published.Text("schedule-state"));
        Assert.StartsWith("next run ", published.Text("schedule-next"), StringComparison.Ordinal);
        Assert.Contains("nightly at two", published.Text("schedule-versions"), StringComparison.Ordinal);

        var paused = await StudioForms.SubmitAsync(browser, path, "[data-testid=schedule-toggle]", ("Action", "pause"));
        Assert.Equal(("paused", "does not fire"), (paused.Text("schedule-state"), paused.Text("schedule-next")));
        var resumed = await StudioForms.SubmitAsync(browser, path, "[data-testid=schedule-toggle]", ("Action", "resume"));
        Assert.Equal("active", resumed.Text("schedule-state"));
        Assert.Contains(code, (await StudioForms.PageAsync(browser, "/billing/schedules")).Text("schedule-table"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operator_RestoresAnOldVersion_ComparesAndDownloadsIt_AnalystOnlyReads()
    {
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);
        var code = ApiCalls.Code("s");
        var fixedText = Broken.Replace("every night", "0 0 2 * * ?", StringComparison.Ordinal);
        var id = (await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/schedules", new { code, text = fixedText })).Body.GetProperty("schedule").GetProperty("id").GetGuid();
        await ApiCalls.SendAsync(admin, HttpMethod.Post, $"/api/v1/schedules/{id}/publish", new { comment = "at two" });
        await ApiCalls.SendAsync(admin, HttpMethod.Put, $"/api/v1/schedules/{id}/draft", new { text = fixedText.Replace("0 0 2", "0 0 5", StringComparison.Ordinal) });
        await ApiCalls.SendAsync(admin, HttpMethod.Post, $"/api/v1/schedules/{id}/publish", new { comment = "at five" });
        using var operatorBrowser = await ConsumerPagesTests.SignedInAsync(factory, Roles.Operator);
        using var analyst = await ConsumerPagesTests.SignedInAsync(factory, Roles.Analyst);

        var restored = await StudioForms.SubmitAsync(operatorBrowser, $"/billing/schedules/{id}/versions", "[data-testid=rollback-form]", ("RollbackTo", "1"));
        var diff = await StudioForms.PageAsync(operatorBrowser, $"/billing/schedules/{id}/diff?left=2&right=3");
        using var text = await admin.GetAsync($"/api/v1/schedules/{id}/versions/3/text");
        var readOnly = await StudioForms.PageAsync(analyst, $"/billing/schedules/{id}/versions");

        Assert.Equal("Restored v1 as v3; the history keeps every version.", restored.Text("rollback-result"));
        Assert.Contains("0 0 5 * * ?", diff.GetElementById("diff-data")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("0 0 2 * * ?", diff.GetElementById("diff-data")!.TextContent, StringComparison.Ordinal);
        Assert.Equal((fixedText, $"{code}-v3.tariff"), (await text.Content.ReadAsStringAsync(), text.Content.Headers.ContentDisposition?.FileName));
        Assert.Equal(3, readOnly.QuerySelectorAll("[data-testid=version-table] tr[data-version]").Length);
        Assert.Empty(readOnly.QuerySelectorAll("button[name=RollbackTo]"));
        using var other = ApiCalls.ClientWithKey(factory, await ApiCalls.OtherTenantKeyAsync(factory));
        Assert.Equal(HttpStatusCode.NotFound, (await ApiCalls.SendAsync(other, HttpMethod.Post, $"/api/v1/schedules/{id}/versions/1/rollback", null)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await ApiCalls.SendAsync(other, HttpMethod.Get, $"/api/v1/schedules/{id}/versions/1/json", null)).Status);
    }

    [Fact]
    public async Task Analyst_ReadsTheDraftButHasNoForms()
    {
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);
        var id = (await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/schedules", new { code = ApiCalls.Code("s"), text = Broken })).Body
            .GetProperty("schedule").GetProperty("id").GetGuid();
        using var analyst = await ConsumerPagesTests.SignedInAsync(factory, Roles.Analyst);

        var page = await StudioForms.PageAsync(analyst, $"/billing/schedules/{id}");

        Assert.Contains("every night", page.Text("draft-text"), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("[data-testid=draft-form]"));
        Assert.Null(page.QuerySelector("[data-testid=schedule-toggle]"));
        Assert.Null((await StudioForms.PageAsync(analyst, "/billing/schedules")).QuerySelector("[data-testid=schedule-form]"));
    }
}
