using System.Text.Json;
using Microsoft.Playwright;

namespace Tariff.Studio.BrowserTests;

public sealed class ScratchEditorTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ScratchEditor_DocumentWithAnError_MarksTheExactRangeWithAssetsServedOnlyByTheStudio()
    {
        var (email, password) = await fixture.Studio.PrintedLoginAsync();
        var page = await fixture.NewPageAsync();
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);

        await page.GotoAsync("/account/login?ReturnUrl=%2Fpricing%2Fscratch");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync(".monaco-editor");
        await page.WaitForSelectorAsync("text=No problems.");

        await page.EvaluateAsync("() => window.tariffEditor.setValue('meter api_calls {\\n    count\\n}\\n\\nplan starter {\\n    currency USD\\n    charge api_cals {\\n        per unit 0.01\\n    }\\n}\\n')");
        await page.WaitForSelectorAsync("[data-testid=problems] >> text=TRF0101");
        var markers = await page.EvaluateAsync<JsonElement>(
            "() => monaco.editor.getModelMarkers({}).map(m => [m.startLineNumber, m.startColumn, m.endColumn, m.message])");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(fixture.Screenshots, "scratch-editor-error.png") });

        var marker = Assert.Single(markers.EnumerateArray());
        Assert.Equal(7, marker[0].GetInt32());
        Assert.Equal(12, marker[1].GetInt32());
        Assert.Equal(20, marker[2].GetInt32());
        Assert.Equal("TRF0101: unknown meter `api_cals`; did you mean `api_calls`?", marker[3].GetString());
        // Every script, style, font and worker comes from the studio itself (a worker may load from a same-origin blob).
        Assert.All(requests, url => Assert.StartsWith(fixture.Studio.BaseAddress.ToString(),
            url.StartsWith("blob:", StringComparison.Ordinal) ? url["blob:".Length..] : url, StringComparison.Ordinal));
    }
}
