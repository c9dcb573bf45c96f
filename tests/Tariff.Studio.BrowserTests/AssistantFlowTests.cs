using System.Text.Json;

namespace Tariff.Studio.BrowserTests;

/// <summary>An admin asks the assistant for a plan in the real studio, in Chromium, and publishes what it wrote.</summary>
public sealed class AssistantFlowTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Plan = """
        meter api_calls {
            count
        }

        plan scale {
            currency EUR
            fee platform 29.00 recurring in advance
            charge api_calls {
                per unit 0.001
                free 5000
            }
        }
        """;

    private static string Answer(string text) => $"A monthly platform fee, and calls beyond the first 5,000 at 0.001 EUR.\n\n```tariff\n{text}\n```";

    [Fact]
    public async Task Admin_AsksSeesTheProblemsMarked_RefinesAppliesAndPublishes()
    {
        fixture.ModelProvider.Reset();
        var broken = Plan.Replace("charge api_calls", "charge api_cals", StringComparison.Ordinal);
        for (var i = 0; i < 3; i++)
        {
            fixture.ModelProvider.Reply(Answer(broken));
        }

        fixture.ModelProvider.Reply(Answer(Plan));
        var page = await fixture.SignedInPageAsync("/assistant");

        await page.SelectOptionAsync("#subject", "plan:");
        await page.FillAsync("#request", "29 EUR a month; the first 5,000 calls free, then 0.001 EUR per call.");
        await page.ClickAsync("#ask");
        await page.WaitForURLAsync(url => url.Contains("/assistant?conversation=", StringComparison.Ordinal));

        // The repairs ran out: the proposal is shown with the checker's problem marked where it is.
        await page.WaitForFunctionAsync("() => window.tariffAssistantView && monaco.editor.getModelMarkers({ owner: 'checker' }).length > 0");
        var markers = await page.EvaluateAsync<JsonElement>(
            "() => monaco.editor.getModelMarkers({ owner: 'checker' }).map(m => [m.startLineNumber, m.startColumn, m.message])");
        Assert.Equal((8, 12, "unknown meter `api_cals`; did you mean `api_calls`? (TRF0101)"),
            (markers[0][0].GetInt32(), markers[0][1].GetInt32(), markers[0][2].GetString()));
        Assert.Contains("line 8, column 12", await page.InnerTextAsync("[data-testid=diagnostics]"), StringComparison.Ordinal);
        await fixture.ScreenshotAsync(page, "assistant-proposal-with-error");

        await page.FillAsync("#request", "The meter is api_calls.");
        await page.ClickAsync("#ask");
        await page.WaitForSelectorAsync("[data-testid=proposal-checks]");
        Assert.Equal(2, await page.Locator("[data-testid=exchange]").CountAsync());
        await page.WaitForFunctionAsync("() => window.tariffAssistantView && monaco.editor.getModelMarkers({ owner: 'checker' }).length === 0");

        await page.FillAsync("#code", "scale");
        await page.FillAsync("#name", "Scale");
        await page.ClickAsync("[data-testid=apply-form] button[type=submit]");
        await page.WaitForSelectorAsync("[data-testid=draft-origin]");
        await fixture.ScreenshotAsync(page, "assistant-draft-in-editor");

        await page.FillAsync("#publish-comment", "reviewed the assistant's plan");
        await page.ClickAsync("#publish");
        await page.WaitForSelectorAsync("[data-testid=published] >> text=Published v1.");
        Assert.Contains("assistant", await page.InnerTextAsync("[data-testid=version-table] tr[data-version='1']"), StringComparison.Ordinal);
    }
}
