using System.Net;
using Tariff.Platform.Accounts;
using Tariff.Studio.Tests.Api;

namespace Tariff.Studio.Tests.Pages;

/// <summary>The assistant page over the real pipeline and PostgreSQL, with the model provider an OpenAI-compatible fake over HTTP.</summary>
public sealed class AssistantPagesTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    private const string Plan = """
        meter calls {
            count
        }

        plan pro {
            currency USD
            fee platform 49.00 recurring in advance
            charge calls {
                per unit 0.002
            }
        }
        """;

    private static string Answer(string text) => $"A monthly fee and per-call pricing.\n\n```tariff\n{text}\n```";

    [Fact]
    public async Task Admin_AsksRefinesAndApplies_ThenTheEditorShowsTheAssistantsDraft()
    {
        factory.ModelProvider.Reset();
        factory.ModelProvider.Reply(Answer(Plan.Replace("per unit 0.002", "per unit", StringComparison.Ordinal)));
        factory.ModelProvider.Reply(Answer(Plan.Replace("per unit 0.002", "per unit", StringComparison.Ordinal)));
        factory.ModelProvider.Reply(Answer(Plan.Replace("per unit 0.002", "per unit", StringComparison.Ordinal)));
        factory.ModelProvider.Reply(Answer(Plan));
        using var browser = await ConsumerPagesTests.SignedInAsync(factory, Roles.Admin);

        var missing = await StudioForms.SubmitAsync(browser, "/assistant", "[data-testid=ask-form]", ("Input.Subject", "plan:"), ("Input.Request", " "));
        Assert.StartsWith("is required", missing.Text("error-request"), StringComparison.Ordinal);

        using var asked = await StudioForms.PostAsync(browser, "/assistant", "[data-testid=ask-form]",
            [new("Input.Subject", "plan:"), new("Input.Request", "49 USD a month and 0.002 per call.")]);
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var conversation = asked.Headers.Location!.OriginalString;
        var broken = await StudioForms.PageAsync(browser, conversation);
        Assert.Equal("49 USD a month and 0.002 per call.", broken.Text("exchange-request"));
        Assert.StartsWith("line 10, column 5: unexpected `}`", broken.Text("diagnostics"), StringComparison.Ordinal);
        Assert.Null(broken.Text("proposal-checks"));
        var tokens = factory.ModelProvider.ReportedTokens.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"{tokens} tokens", broken.Text("exchange-tokens"));
        // Other tests of this class may have used the tenant's tokens too: only the limit is certain here.
        Assert.Contains(" tokens today (UTC) of 2,000,000.", broken.Text("assistant-usage"), StringComparison.Ordinal);

        var conversationId = conversation.Split('=')[1];
        using var refined = await StudioForms.PostAsync(browser, conversation, "[data-testid=ask-form]",
            [new("Input.ConversationId", conversationId), new("Input.Request", "Give the per-call price: 0.002.")]);
        var page = await StudioForms.PageAsync(browser, refined.Headers.Location!.OriginalString);
        Assert.Equal(2, page.QuerySelectorAll("[data-testid=exchange]").Length);
        Assert.Equal(Plan + "\n", page.QuerySelector("[data-testid=proposal]")!.TextContent);
        Assert.NotNull(page.Text("proposal-checks"));

        var exchangeId = page.QuerySelector("input[name='Application.ExchangeId']")!.GetAttribute("value")!;
        var noCode = await StudioForms.SubmitAsync(browser, conversation, "[data-testid=apply-form]", ("Application.ExchangeId", exchangeId), ("Application.Name", "Pro"));
        Assert.NotNull(noCode.Text("error-code"));
        var code = ApiCalls.Code("pro");
        using var applied = await StudioForms.PostAsync(browser, conversation, "[data-testid=apply-form]",
            [new("Application.ExchangeId", exchangeId), new("Application.Code", code), new("Application.Name", "Pro")]);
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        var editor = await StudioForms.PageAsync(browser, applied.Headers.Location!.OriginalString);
        Assert.Equal("written by the assistant", editor.Text("draft-origin"));
        Assert.Contains(code, editor.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_AsksForAQuery_AndTheQueryPageShowsTheAssistantsDraft()
    {
        const string Query = "meter calls {\n    count\n}\n\nquery weekly {\n    show calls\n    last 7 days\n    step day\n}";
        factory.ModelProvider.Reset();
        factory.ModelProvider.Reply(Answer(Query));
        using var browser = await ConsumerPagesTests.SignedInAsync(factory, Roles.Admin);

        var start = await StudioForms.PageAsync(browser, "/assistant");
        using var asked = await StudioForms.PostAsync(browser, "/assistant", "[data-testid=ask-form]",
            [new("Input.Subject", "query:"), new("Input.Request", "Daily calls of everyone over the last week.")]);
        var conversation = asked.Headers.Location!.OriginalString;
        var proposed = await StudioForms.PageAsync(browser, conversation);
        var exchangeId = proposed.QuerySelector("input[name='Application.ExchangeId']")!.GetAttribute("value")!;
        using var applied = await StudioForms.PostAsync(browser, conversation, "[data-testid=apply-form]",
            [new("Application.ExchangeId", exchangeId), new("Application.Code", ApiCalls.Code("weekly"))]);
        var queryPath = applied.Headers.Location!.AbsolutePath;
        var queryPage = await StudioForms.PageAsync(browser, queryPath);
        var followUp = await StudioForms.PageAsync(browser, queryPage.QuerySelector("[data-testid=ask-assistant]")!.GetAttribute("href")!);

        Assert.NotNull(start.QuerySelector("optgroup[label='Usage queries'] option[value='query:']"));
        Assert.Contains("You write saved usage queries", factory.ModelProvider.Requests[^1]["messages"]![0]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Create the query with this draft", proposed.QuerySelector("[data-testid=apply-form] button")?.TextContent.Trim());
        Assert.Null(proposed.QuerySelector("[data-testid=apply-form] #name"));
        Assert.Matches("^/usage/queries/[0-9a-f-]{36}$", queryPath);
        Assert.Contains("written by the assistant", queryPage.QuerySelector("p.small")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(Query + "\n", queryPage.QuerySelector("textarea[name='Draft.Text']")?.TextContent);
        Assert.Equal($"query:{queryPath.Split('/')[^1]}", followUp.QuerySelector("#subject option[selected]")?.GetAttribute("value"));
    }

    [Fact]
    public async Task ProviderFailure_IsShownAndNothingIsKept()
    {
        factory.ModelProvider.Reset();
        factory.ModelProvider.Fail(404, "The model `fake-model-1` does not exist or you do not have access to it.", "model_not_found");
        using var browser = await ConsumerPagesTests.SignedInAsync(factory, Roles.Admin);

        var page = await StudioForms.SubmitAsync(browser, "/assistant", "[data-testid=ask-form]", ("Input.Subject", "schedule:"), ("Input.Request", "Bill monthly."));

        Assert.StartsWith("The assistant's provider 'fake' answered HTTP 404: ", page.Text("assistant-failure"), StringComparison.Ordinal);
        Assert.Equal("Bill monthly.", page.QuerySelector("#request")!.TextContent);
    }

    [Theory]
    [InlineData(Roles.Analyst)]
    [InlineData(Roles.Operator)]
    public async Task NonAdmins_CannotOpenTheAssistant(string role)
    {
        using var browser = await ConsumerPagesTests.SignedInAsync(factory, role);

        using var response = await browser.GetAsync("/assistant");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("ask-form", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
