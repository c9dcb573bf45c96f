using System.Text.Json;
using Microsoft.Playwright;
using Tariff.Engine.Binding;
using Tariff.Engine.Syntax;

namespace Tariff.Studio.BrowserTests;

/// <summary>Writing, trying, publishing, comparing and restoring a plan in the real studio, in Chromium.</summary>
public sealed class PlanEditorTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string WithTypo = """
        meter api_calls {
            count
        }

        plan team {
            currency EUR
            fee seat 10.00 recurring in advance
            charge api_cals {
                per unit 0.01
            }
            example "hundred calls" {
                usage api_calls = 100
                expect total = 11.00
            }
        }

        """;

    [Fact]
    public async Task NewPlan_TypoMarkedFixedTriedAndPublished()
    {
        var page = await NewPlanAsync("team", "Team");

        // The typo is marked at its exact place, with its id and message; the example then names a meter not charged.
        await SetTextAsync(page, WithTypo);
        await page.WaitForSelectorAsync("[data-testid=problems] >> text=TRF0101");
        Assert.Equal(
            [(8, 12, 20, "TRF0101: unknown meter `api_cals`; did you mean `api_calls`?"), (12, 15, 24, "TRF0112: the plan does not charge `api_calls`")],
            (await MarkersAsync(page)).EnumerateArray().Select(m => (m[0].GetInt32(), m[1].GetInt32(), m[2].GetInt32(), m[3].GetString())));
        await fixture.ScreenshotAsync(page, "plan-editor-typo");

        // Publishing with the error is refused, and says why.
        await page.ClickAsync("#publish");
        await page.WaitForSelectorAsync("#editor-status >> text=Not published");

        await SetTextAsync(page, WithTypo.Replace("charge api_cals", "charge api_calls", StringComparison.Ordinal));
        await page.WaitForSelectorAsync("[data-testid=problems] >> text=No problems.");
        Assert.Equal(0, (await MarkersAsync(page)).GetArrayLength());

        // The embedded example runs with one click.
        await page.ClickAsync("text=Examples");
        await page.ClickAsync("#run-examples");
        await page.WaitForSelectorAsync("[data-testid=examples] >> text=PASS team / \"hundred calls\": expected 11.00, got 11.00");

        // Try it: the sample usage's two calls, rated as an invoice would show them.
        await page.ClickAsync("#try-tab");
        await page.ClickAsync("#rate");
        var total = await page.WaitForSelectorAsync("[data-testid=rating-total]");
        Assert.Contains("10.02", await total!.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("2 events", await total.InnerTextAsync(), StringComparison.Ordinal);
        await fixture.ScreenshotAsync(page, "plan-editor-try-it");

        await page.FillAsync("#publish-comment", "first prices");
        await page.ClickAsync("#publish");
        await page.WaitForSelectorAsync("[data-testid=published] >> text=Published v1.");
        var row = await page.InnerTextAsync("[data-testid=version-table] tr[data-version='1']");
        Assert.Contains("first prices", row, StringComparison.Ordinal);
        Assert.Contains("current", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoVersions_ComparedSideBySideAndTheFirstRestoredAsAThird()
    {
        var page = await NewPlanAsync("cmp", "Compared");
        var first = await page.EvaluateAsync<string>("() => window.tariffEditor.getValue()");
        await PublishAsync(page, "v1 as created", 1);

        await page.GoBackAsync();
        await page.WaitForSelectorAsync("[data-testid=problems] >> text=No problems.");
        await SetTextAsync(page, first.Replace("above at 0.002", "above at 0.003", StringComparison.Ordinal));
        await PublishAsync(page, "dearer calls", 2);

        await page.SelectOptionAsync("#left", "1");
        await page.SelectOptionAsync("#right", "2");
        await page.ClickAsync("text=Compare side by side");
        await page.WaitForSelectorAsync(".monaco-diff-editor");
        await page.WaitForFunctionAsync("() => window.tariffDiff.getLineChanges()?.length > 0");
        var changes = await page.EvaluateAsync<JsonElement>("() => window.tariffDiff.getLineChanges().map(c => [c.originalStartLineNumber, c.modifiedStartLineNumber])");
        Assert.Equal([(11, 11)], changes.EnumerateArray().Select(c => (c[0].GetInt32(), c[1].GetInt32())));
        await fixture.ScreenshotAsync(page, "plan-diff-text");

        // The canonical JSON of the two versions differs in the one price.
        await page.ClickAsync("label[for=view-json]");
        await page.WaitForFunctionAsync("() => window.tariffDiff.getModel().original.getValue().startsWith('{')");
        await page.WaitForFunctionAsync("() => window.tariffDiff.getLineChanges()?.length === 1");
        var modifiedLine = await page.EvaluateAsync<string>(
            "() => { const d = window.tariffDiff; const c = d.getLineChanges()[0]; return d.getModel().modified.getLineContent(c.modifiedStartLineNumber); }");
        Assert.Contains("0.003", modifiedLine, StringComparison.Ordinal);
        await fixture.ScreenshotAsync(page, "plan-diff-json");

        await page.GoBackAsync();
        await page.ClickAsync("tr[data-version='1'] >> text=Restore as new version");
        await page.WaitForSelectorAsync("[data-testid=rollback-result] >> text=Restored v1 as v3");
        var restored = await page.Context.APIRequest.GetAsync(page.Url.Replace("/versions", "/versions/3/text", StringComparison.Ordinal)
            .Replace("/plans/", "/api/v1/plans/", StringComparison.Ordinal));
        Assert.Equal(first, await restored.TextAsync());
        Assert.Contains("current", await page.InnerTextAsync("tr[data-version='3']"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DownloadedJson_ParsesAndRoundTripsThroughTheLanguage()
    {
        var page = await NewPlanAsync("dl", "Downloaded");
        await PublishAsync(page, "to download", 1);

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("tr[data-version='1'] [data-testid=download-json]"));
        var json = await File.ReadAllTextAsync(await download.PathAsync());

        Assert.EndsWith("-v1.json", download.SuggestedFilename, StringComparison.Ordinal);
        var document = DocumentJson.Deserialize(json);
        var reread = Binder.Check(Tariff.Engine.Formatting.DocumentFormatter.Format(document));
        Assert.False(reread.HasErrors);
        Assert.Equal(DocumentJson.Serialize(document), DocumentJson.Serialize(reread.Syntax!));
        Assert.Equal(["api_calls", "starter"], document.Declarations.Select(d => d.Name.Value));
    }

    // Creates a plan through the list page's form and waits for its editor to have checked the starter document.
    private async Task<IPage> NewPlanAsync(string codePrefix, string name)
    {
        var page = await fixture.SignedInPageAsync("/plans");
        await page.FillAsync("#code", $"{codePrefix}-{Guid.NewGuid():N}"[..16]);
        await page.FillAsync("#name", name);
        await page.ClickAsync("text=Create and edit");
        await page.WaitForSelectorAsync(".monaco-editor");
        await page.WaitForSelectorAsync("[data-testid=problems] >> text=No problems.");
        return page;
    }

    private static async Task PublishAsync(IPage page, string comment, int version)
    {
        await page.FillAsync("#publish-comment", comment);
        await page.ClickAsync("#publish");
        await page.WaitForSelectorAsync($"[data-testid=published] >> text=Published v{version}.");
    }

    private static async Task SetTextAsync(IPage page, string text) => await page.EvaluateAsync("text => window.tariffEditor.setValue(text)", text);

    private static Task<JsonElement> MarkersAsync(IPage page) => page.EvaluateAsync<JsonElement>(
        "() => monaco.editor.getModelMarkers({}).map(m => [m.startLineNumber, m.startColumn, m.endColumn, m.message])");
}
