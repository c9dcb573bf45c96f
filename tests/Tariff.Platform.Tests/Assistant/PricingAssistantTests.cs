using Microsoft.Extensions.DependencyInjection;
using Tariff.Engine.Binding;
using Tariff.Engine.Diagnostics;
using Tariff.Platform.Analytics;
using Tariff.Platform.Assistant;
using Tariff.Platform.Catalog;
using Tariff.Platform.Scheduling;
using Tariff.Platform.Tests.Catalog;
using Tariff.Testing;

namespace Tariff.Platform.Tests.Assistant;

/// <summary>
/// The assistant against a fake OpenAI-compatible provider over real HTTP, through the real OpenAI client, with the
/// proposals checked by the real checker and stored in the real PostgreSQL.
/// </summary>
public sealed class PricingAssistantTests : IAsyncLifetime
{
    private const string Typo = "per unti 0.01";

    private PostgresTestDatabase database = null!;
    private FakeChatCompletions provider = null!;
    private ServiceProvider services = null!;
    private Guid tenant;
    private Guid otherTenant;

    private PricingAssistant Assistant => services.GetRequiredService<PricingAssistant>();

    private PlanService Plans => services.GetRequiredService<PlanService>();

    private static string Broken => CatalogServiceTests.PlanText.Replace("per unit 0.01", Typo, StringComparison.Ordinal);

    public async Task InitializeAsync()
    {
        database = await PostgresTestDatabase.CreateAsync("assistant");
        provider = await FakeChatCompletions.StartAsync();
        services = PlatformServices.Create(database.ConnectionString, provider.ProviderSettings());
        (tenant, otherTenant) = await PlatformServices.MigrateWithTwoTenantsAsync(services);
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await provider.DisposeAsync();
        await database.DisposeAsync();
    }

    private static string Answer(string text) => $"A starter plan in euros with a monthly fee.\n\n```tariff\n{text.TrimEnd()}\n```\n";

    [Fact]
    public async Task Propose_AnswerThatChecks_IsStoredAsAProposalWithTheModelTaughtTheLanguage()
    {
        provider.Reply(Answer(CatalogServiceTests.PlanText));

        var exchange = await Assistant.ProposeAsync(tenant, new AssistantAsk("plan", "  A starter plan: 10 EUR a month, 1 cent per call.  "), "ana");

        Assert.Equal((1, 0, 1), (exchange.Attempts, exchange.ErrorCount, exchange.Sequence));
        Assert.Equal(CatalogServiceTests.PlanText.TrimEnd() + "\n", exchange.Proposal);
        Assert.Equal("A starter plan in euros with a monthly fee.", exchange.Explanation);
        Assert.Equal(("fake", "fake-model-1", "ana", string.Empty), (exchange.Provider, exchange.Model, exchange.CreatedBy, exchange.BaseText));
        var sent = Assert.Single(provider.Requests);
        Assert.Equal("fake-model-1", sent["model"]!.GetValue<string>());
        var messages = sent["messages"]!.AsArray();
        Assert.Equal(["system", "user"], messages.Select(m => m!["role"]!.GetValue<string>()));
        // The model learns the language from the reference people read, not from a summary that could drift from it.
        Assert.Contains("| `time_weighted F` |", messages[0]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("A starter plan: 10 EUR a month, 1 cent per call.", messages[1]!["content"]!.GetValue<string>());

        var stored = Assert.Single(await Assistant.ConversationAsync(tenant, exchange.ConversationId));
        Assert.Equal(exchange.Diagnostics, stored.Diagnostics);
        Assert.Equal(exchange with { Diagnostics = stored.Diagnostics }, stored);
    }

    [Fact]
    public async Task Propose_AnswerWithAnError_IsSentBackAtItsLineAndColumnAndRepaired()
    {
        provider.Reply(Answer(Broken));
        provider.Reply(Answer(CatalogServiceTests.PlanText));

        var exchange = await Assistant.ProposeAsync(tenant, new AssistantAsk("plan", "A starter plan."), "ana");

        Assert.Equal((2, 0), (exchange.Attempts, exchange.ErrorCount));
        var error = Binder.Check(Broken).Diagnostics.First(d => d.Severity == DiagnosticSeverity.Error);
        var repair = provider.Requests[1]["messages"]!.AsArray();
        Assert.Equal(["system", "user", "assistant", "user"], repair.Select(m => m!["role"]!.GetValue<string>()));
        Assert.Contains(Typo, repair[2]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains($"- line {error.Span.Start.Line}, column {error.Span.Start.Column + 1}: {error.Id} {error.Message}",
            repair[3]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Propose_RepairsRunOut_KeepsTheLastProposalWithItsErrors()
    {
        for (var i = 0; i < 3; i++)
        {
            provider.Reply(Answer(Broken));
        }

        var exchange = await Assistant.ProposeAsync(tenant, new AssistantAsk("plan", "A starter plan."), "ana");

        Assert.Equal(3, exchange.Attempts);
        Assert.Equal(3, provider.Requests.Count);
        Assert.Equal(Binder.Check(Broken).Diagnostics.Select(d => (d.Id, d.Span)), exchange.Diagnostics.Select(d => (d.Id, d.Span)));
        Assert.True(exchange.ErrorCount > 0);
    }

    [Fact]
    public async Task Propose_AnswerWithoutDocument_AsksAgainAndKeepsTheModelsLastWord()
    {
        provider.Reply("Which currency should the plan use?");
        provider.Reply("Still unsure: euros or dollars?");
        provider.Reply("Please tell me the currency.");

        var exchange = await Assistant.ProposeAsync(tenant, new AssistantAsk("plan", "A plan."), "ana");

        Assert.Equal((string.Empty, "Please tell me the currency.", 3), (exchange.Proposal, exchange.Explanation, exchange.Attempts));
        Assert.Equal(DiagnosticIds.MissingItem, Assert.Single(exchange.Diagnostics).Id);
        Assert.Equal(AssistantPrompt.NoDocument, provider.Requests[1]["messages"]!.AsArray().Last()!["content"]!.GetValue<string>());
        var refusal = await Assert.ThrowsAsync<CatalogValidationException>(() => Assistant.ApplyAsync(tenant, exchange.Id, "p", "P", "ana"));
        Assert.Contains("exchangeId", refusal.Errors.Keys);
    }

    [Fact]
    public async Task Propose_ProviderRefusesTheKey_SaysWhichProviderAndHowAndStoresNothing()
    {
        provider.Fail(401, "Incorrect API key provided.", "invalid_api_key");

        var failure = await Assert.ThrowsAsync<AssistantUnavailableException>(() => Assistant.ProposeAsync(tenant, new AssistantAsk("plan", "A plan."), "ana"));

        Assert.Equal(("fake", 401), (failure.Provider, failure.Status));
        Assert.StartsWith("The assistant's provider 'fake' answered HTTP 401: ", failure.Message, StringComparison.Ordinal);
        Assert.Empty(await Assistant.RecentAsync(tenant));
    }

    [Fact]
    public async Task Propose_NoProviderConfigured_SaysHowToConfigureOne()
    {
        await using var unconfigured = PlatformServices.Create(database.ConnectionString);

        var failure = await Assert.ThrowsAsync<AssistantUnavailableException>(() =>
            unconfigured.GetRequiredService<PricingAssistant>().ProposeAsync(tenant, new AssistantAsk("plan", "A plan."), "ana"));

        Assert.Contains("Tariff:Assistant:Providers", failure.Message, StringComparison.Ordinal);
        Assert.Empty(provider.Requests);
    }

    [Theory]
    [InlineData("plan", "", null, "request")]
    [InlineData("invoice", "Revenue by month.", null, "kind")]
    [InlineData("plan", "A plan.", "nosuch", "provider")]
    public async Task Propose_BadRequest_NamesTheFieldAndAsksNothing(string kind, string request, string? providerName, string field)
    {
        var refusal = await Assert.ThrowsAsync<CatalogValidationException>(() =>
            Assistant.ProposeAsync(tenant, new AssistantAsk(kind, request, Provider: providerName), "ana"));

        Assert.Equal([field], refusal.Errors.Keys);
        Assert.Empty(provider.Requests);
    }

    [Fact]
    public async Task Propose_TooLongARequest_SaysTheLimit()
    {
        var refusal = await Assert.ThrowsAsync<CatalogValidationException>(() =>
            Assistant.ProposeAsync(tenant, new AssistantAsk("plan", new string('x', 4001)), "ana"));

        Assert.Equal("is 4,001 characters long; the limit is 4,000.", refusal.Errors["request"].Single());
    }

    [Fact]
    public async Task FollowUp_SeesTheConversationAndChangesTheSameDraft()
    {
        var (plan, _) = await Plans.CreateAsync(tenant, "starter", "Starter", null, CatalogServiceTests.PlanText, "ana");
        var cheaper = CatalogServiceTests.PlanText.Replace("10.00", "9.00", StringComparison.Ordinal);
        var cheapest = CatalogServiceTests.PlanText.Replace("10.00", "8.00", StringComparison.Ordinal);
        provider.Reply(Answer(cheaper));
        provider.Reply(Answer(cheapest));

        var first = await Assistant.ProposeAsync(tenant, new AssistantAsk("plan", "Lower the fee to 9.", plan.Id), "ana");
        var second = await Assistant.ProposeAsync(tenant, new AssistantAsk(null, "Make it 8.", ConversationId: first.ConversationId), "ana");

        Assert.Equal((2, "plan", (Guid?)plan.Id, CatalogServiceTests.PlanText), (second.Sequence, second.Kind, second.TargetId, second.BaseText));
        var messages = provider.Requests[1]["messages"]!.AsArray().Select(m => (Role: m!["role"]!.GetValue<string>(), Content: m["content"]!.GetValue<string>())).ToList();
        Assert.Equal(["system", "user", "assistant", "user"], messages.Select(m => m.Role));
        Assert.Contains("The current draft:", messages[1].Content, StringComparison.Ordinal);
        Assert.Contains("fee platform 10.00", messages[1].Content, StringComparison.Ordinal);
        Assert.Contains("fee platform 9.00", messages[2].Content, StringComparison.Ordinal);
        Assert.Equal("Make it 8.", messages[3].Content);
        Assert.Equal([first.Id, second.Id], (await Assistant.ConversationAsync(tenant, first.ConversationId)).Select(e => e.Id));
    }

    [Fact]
    public async Task Apply_MakesTheDraft_AndItsPublicationRecordsTheAssistantUntilAPersonEditsIt()
    {
        var (plan, _) = await Plans.CreateAsync(tenant, "starter", "Starter", null, "meter calls {\n    count\n}\n", "ana");
        provider.Reply(Answer(CatalogServiceTests.PlanText));
        var exchange = await Assistant.ProposeAsync(tenant, new AssistantAsk("plan", "Price the calls.", plan.Id), "ana");

        var applied = await Assistant.ApplyAsync(tenant, exchange.Id, null, null, "bob");

        Assert.Equal(plan.Id, applied!.AppliedTo);
        var draft = (await Plans.FindAsync(tenant, plan.Id))!;
        Assert.Equal((exchange.Proposal, "assistant", "bob"), (draft.DraftText, draft.DraftOrigin, draft.DraftUpdatedBy));
        Assert.Equal("assistant", (await Plans.PublishAsync(tenant, plan.Id, "from the assistant", "typed", "bob"))!.Origin);
        Assert.Equal(plan.Id, (await Assistant.ConversationAsync(tenant, exchange.ConversationId)).Single().AppliedTo);

        await Plans.UpdateDraftAsync(tenant, plan.Id, draft.DraftText.Replace("10.00", "12.00", StringComparison.Ordinal), "ana");
        Assert.Equal("typed", (await Plans.PublishAsync(tenant, plan.Id, "by hand", "typed", "ana"))!.Origin);
    }

    [Fact]
    public async Task Apply_WithoutTarget_CreatesTheNamedPlanOrSchedule()
    {
        provider.Reply(Answer(CatalogServiceTests.PlanText));
        var exchange = await Assistant.ProposeAsync(tenant, new AssistantAsk("plan", "A starter plan."), "ana");

        var missingCode = await Assert.ThrowsAsync<CatalogValidationException>(() => Assistant.ApplyAsync(tenant, exchange.Id, null, "Starter", "ana"));
        var applied = await Assistant.ApplyAsync(tenant, exchange.Id, "starter", "Starter", "ana");

        Assert.Contains("code", missingCode.Errors.Keys);
        var plan = (await Plans.FindAsync(tenant, applied!.AppliedTo!.Value))!;
        Assert.Equal(("starter", "assistant"), (plan.Code, plan.DraftOrigin));
    }

    [Fact]
    public async Task Propose_Schedule_IsCheckedAgainstTheCatalogAndTheModelIsToldItsCodes()
    {
        await Plans.CreateAsync(tenant, "starter", "Starter", null, CatalogServiceTests.PlanText, "ana");
        const string Wrong = "schedule month_end {\n    cron \"0 0 6 2 * ?\"\n    plans \"gold\"\n}\n";
        const string Right = "schedule month_end {\n    cron \"0 0 6 2 * ?\"\n    plans \"starter\"\n}\n";
        provider.Reply(Answer(Wrong));
        provider.Reply(Answer(Right));

        var exchange = await Assistant.ProposeAsync(tenant, new AssistantAsk("schedule", "Bill the starter plan at 6 on the 2nd."), "ana");
        var applied = await Assistant.ApplyAsync(tenant, exchange.Id, "month-end", null, "ana");

        Assert.Equal((2, 0, Right), (exchange.Attempts, exchange.ErrorCount, exchange.Proposal));
        Assert.Contains("Plan codes: \"starter\" (Starter)", provider.Requests[0]["messages"]![0]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("line 3, column 11: TRF0114 no plan with the code `gold` in this tenant", provider.Requests[1]["messages"]!.AsArray().Last()!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        var schedule = (await services.GetRequiredService<ScheduleService>().FindAsync(tenant, applied!.AppliedTo!.Value))!;
        Assert.Equal((Right, "assistant"), (schedule.DraftText, schedule.DraftOrigin));
    }

    [Fact]
    public async Task Propose_Query_IsCheckedAgainstTheConsumersAndPublishesAsTheAssistants()
    {
        var consumers = services.GetRequiredService<ConsumerService>();
        for (var i = 1; i <= AssistantSubjects.MaxCatalogCodes + 1; i++)
        {
            await consumers.CreateAsync(tenant, $"C-{i:000}", $"Customer {i}", null, null);
        }

        const string Wrong = "meter calls {\n    count\n}\n\nquery daily {\n    show calls\n    last 7 days\n    step day\n    consumers \"C-999\"\n}\n";
        var right = Wrong.Replace("C-999", "C-001", StringComparison.Ordinal);
        provider.Reply(Answer(Wrong));
        provider.Reply(Answer(right));
        provider.Reply(Answer(right.Replace("7 days", "14 days", StringComparison.Ordinal)));
        var queries = services.GetRequiredService<QueryService>();

        var exchange = await Assistant.ProposeAsync(tenant, new AssistantAsk("query", "Daily calls of C-001 over the last week."), "ana");
        var applied = await Assistant.ApplyAsync(tenant, exchange.Id, "daily-calls", null, "ana");
        var followUp = await Assistant.ProposeAsync(tenant, new AssistantAsk("query", "Two weeks instead.", applied!.AppliedTo), "ana");
        await Assistant.ApplyAsync(tenant, followUp.Id, null, null, "bob");
        var version = await queries.PublishAsync(tenant, applied.AppliedTo!.Value, "from the assistant", "typed", "bob");

        Assert.Equal((2, 0, right), (exchange.Attempts, exchange.ErrorCount, exchange.Proposal));
        var system = provider.Requests[0]["messages"]![0]!["content"]!.GetValue<string>();
        Assert.Contains("You write saved usage queries", system, StringComparison.Ordinal);
        Assert.Contains("Consumer codes: \"C-001\" (Customer 1), ", system, StringComparison.Ordinal);
        Assert.Contains("\"C-200\" (Customer 200) (and 1 more not listed here)", system, StringComparison.Ordinal);
        Assert.DoesNotContain("C-201", system, StringComparison.Ordinal);
        Assert.Contains("line 9, column 15: TRF0115 no consumer with the code `C-999` in this tenant",
            provider.Requests[1]["messages"]!.AsArray().Last()!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(right, followUp.BaseText);
        Assert.Equal(("assistant", 1), (version!.Origin, version.Version));
        Assert.Contains("last 14 days", version.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherTenant_CannotReadFollowUpOrApply()
    {
        var (plan, _) = await Plans.CreateAsync(tenant, "starter", "Starter", null, CatalogServiceTests.PlanText, "ana");
        provider.Reply(Answer(CatalogServiceTests.PlanText));
        var exchange = await Assistant.ProposeAsync(tenant, new AssistantAsk("plan", "Keep it.", plan.Id), "ana");

        Assert.Empty(await Assistant.ConversationAsync(otherTenant, exchange.ConversationId));
        Assert.Empty(await Assistant.RecentAsync(otherTenant));
        Assert.Null(await Assistant.ApplyAsync(otherTenant, exchange.Id, "starter", "Starter", "eve"));
        var followUp = await Assert.ThrowsAsync<CatalogValidationException>(() =>
            Assistant.ProposeAsync(otherTenant, new AssistantAsk(null, "Show me.", ConversationId: exchange.ConversationId), "eve"));
        var target = await Assert.ThrowsAsync<CatalogValidationException>(() =>
            Assistant.ProposeAsync(otherTenant, new AssistantAsk("plan", "Show me.", plan.Id), "eve"));
        Assert.Equal(["conversationId"], followUp.Errors.Keys);
        Assert.Equal(["targetId"], target.Errors.Keys);
        Assert.Single(provider.Requests);
    }
}
