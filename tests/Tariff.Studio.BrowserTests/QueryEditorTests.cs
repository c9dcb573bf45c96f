using System.Text.Json;

namespace Tariff.Studio.BrowserTests;

/// <summary>Writing and publishing a saved usage query in the real studio, in Chromium: Monaco checked against the catalog.</summary>
public sealed class QueryEditorTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string WithUnknownConsumer = """
        meter requests {
            count
        }

        query daily_requests {
            show requests
            last 30 days
            step day
            consumers "nobody"
        }

        """;

    [Fact]
    public async Task NewQuery_UnknownConsumerMarked_FixedSavedAndPublished()
    {
        var page = await fixture.SignedInPageAsync("/usage/queries");
        await page.FillAsync("#code", $"q-{Guid.NewGuid():N}"[..14]);
        await page.ClickAsync("text=Create draft");
        await page.WaitForSelectorAsync(".monaco-editor");
        await page.WaitForSelectorAsync("[data-testid=problems] >> text=No problems.");

        // The consumer code only the catalog can refuse is marked as you type, at its place.
        await page.EvaluateAsync("text => window.tariffEditor.setValue(text)", WithUnknownConsumer);
        await page.WaitForSelectorAsync("[data-testid=problems] >> text=TRF0115");
        Assert.Equal([(9, 15, 23, "TRF0115: no consumer with the code `nobody` in this tenant")],
            (await page.EvaluateAsync<JsonElement>("() => monaco.editor.getModelMarkers({}).map(m => [m.startLineNumber, m.startColumn, m.endColumn, m.message])"))
                .EnumerateArray().Select(m => (m[0].GetInt32(), m[1].GetInt32(), m[2].GetInt32(), m[3].GetString())));
        await fixture.ScreenshotAsync(page, "query-editor-unknown-consumer");

        // What is typed in Monaco is what the form saves.
        var fixedText = WithUnknownConsumer.Replace("    consumers \"nobody\"\n", "", StringComparison.Ordinal);
        await page.EvaluateAsync("text => window.tariffEditor.setValue(text)", fixedText);
        await page.WaitForSelectorAsync("[data-testid=problems] >> text=No problems.");
        await page.ClickAsync("text=Save draft");
        await page.WaitForSelectorAsync("[data-testid=query-message] >> text=Saved the draft.");
        Assert.Equal(fixedText, await page.EvaluateAsync<string>("() => window.tariffEditor.getValue()"));

        await page.FillAsync("#comment", "daily requests");
        await page.ClickAsync("text=Publish the saved draft");
        await page.WaitForSelectorAsync("[data-testid=query-message] >> text=Published v1.");
        Assert.StartsWith("v1:", await page.InnerTextAsync("[data-testid=result-title]"), StringComparison.Ordinal);
        await page.WaitForSelectorAsync("[data-testid=query-chart][data-drawn=true]");
        await page.WaitForSelectorAsync(".monaco-editor");
        await fixture.ScreenshotAsync(page, "query-published");
    }
}
