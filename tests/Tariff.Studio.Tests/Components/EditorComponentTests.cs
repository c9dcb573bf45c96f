using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Tariff.Studio.Components.Common;
using Tariff.Studio.Components.Editor;
using Tariff.Studio.Editor;

namespace Tariff.Studio.Tests.Components;

public sealed class EditorComponentTests
{
    [Fact]
    public async Task JsonIsland_TextThatClosesTheScript_StaysInsideItAndParsesBack()
    {
        const string text = "plan p { } </script><script>alert(1)</script> & \"quotes\"";

        var html = await RenderAsync<JsonIsland>(new() { [nameof(JsonIsland.Id)] = "plan-data", [nameof(JsonIsland.Value)] = new { text } });
        var page = await new HtmlParser().ParseDocumentAsync(html);

        var island = Assert.Single(page.QuerySelectorAll("script"));
        Assert.Equal("plan-data", island.Id);
        Assert.Equal(text, JsonDocument.Parse(island.TextContent).RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public async Task FieldError_FieldWithMessages_ShowsThemAndOtherFieldsShowNothing()
    {
        var errors = new Dictionary<string, string[]> { ["code"] = ["is taken.", "must be short."] };

        var code = await RenderAsync<FieldError>(new() { [nameof(FieldError.Errors)] = errors, [nameof(FieldError.Field)] = "code" });
        var name = await RenderAsync<FieldError>(new() { [nameof(FieldError.Errors)] = errors, [nameof(FieldError.Field)] = "name" });

        Assert.Equal("is taken. must be short.", (await new HtmlParser().ParseDocumentAsync(code)).QuerySelector("[data-testid=error-code]")?.TextContent);
        Assert.Equal(string.Empty, name.Trim());
    }

    [Fact]
    public async Task EditorScripts_EmbedEveryKeywordOfTheGrammarWithItsHelp()
    {
        var page = await new HtmlParser().ParseDocumentAsync(await RenderAsync<EditorScripts>([]));

        var language = JsonDocument.Parse(page.QuerySelector("#tariff-language")!.TextContent).RootElement;
        var keywords = language.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()!).ToList();
        Assert.Contains("graduated", keywords);
        Assert.Contains("time_weighted", keywords);
        Assert.DoesNotContain("{", keywords);
        Assert.Equal(PricingLanguage.Keywords, keywords);
        Assert.All(keywords, k => Assert.False(string.IsNullOrEmpty(language.GetProperty("help").GetProperty(k).GetString()), $"no help for `{k}`"));
    }

    private static async Task<string> RenderAsync<TComponent>(Dictionary<string, object?> parameters) where TComponent : IComponent
    {
        await using var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
        return await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))).ToHtmlString());
    }
}
