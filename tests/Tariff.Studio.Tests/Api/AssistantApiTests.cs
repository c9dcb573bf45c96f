using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tariff.Platform.Accounts;
using Tariff.Platform.Assistant;

namespace Tariff.Studio.Tests.Api;

/// <summary>
/// <c>/api/v1/assistant</c> over the real pipeline and PostgreSQL, with the model provider an OpenAI-compatible fake
/// reached over HTTP by the product's own client.
/// </summary>
public sealed class AssistantApiTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    private static string PlanText(string code) => $$"""
        meter calls {
            count
        }

        plan {{code}} {
            currency USD
            fee platform 49.00 recurring in advance
            charge calls {
                per unit 0.002
                free 10000
            }
        }
        """;

    private static string Answer(string text) => $"A monthly fee and per-call pricing.\n\n```tariff\n{text}\n```";

    [Fact]
    public async Task Admin_ProposesRepairsAppliesAndPublishes_TheVersionRecordsTheAssistant()
    {
        factory.ModelProvider.Reset();
        var code = ApiCalls.Code("p").Replace('-', '_');
        factory.ModelProvider.Reply(Answer(PlanText(code).Replace("per unit 0.002", "per unit", StringComparison.Ordinal)));
        factory.ModelProvider.Reply(Answer(PlanText(code)));
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);

        var (status, proposal) = await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/assistant/proposals",
            new { kind = "plan", request = "49 USD a month, 10,000 calls free, then 0.002 each." });

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal((2, 0), (proposal.GetProperty("attempts").GetInt32(), proposal.GetProperty("errorCount").GetInt32()));
        Assert.Equal(PlanText(code) + "\n", proposal.GetProperty("proposal").GetString());
        Assert.Equal(("fake", "fake-model-1"), (proposal.GetProperty("provider").GetString(), proposal.GetProperty("model").GetString()));
        var repair = factory.ModelProvider.Requests[1]["messages"]!.AsArray().Last()!["content"]!.GetValue<string>();
        Assert.StartsWith("The checker refused your document:\n- line 10, column 9: TRF0002 ", repair, StringComparison.Ordinal);

        var conversation = proposal.GetProperty("conversationId").GetGuid();
        var (readStatus, read) = await ApiCalls.SendAsync(admin, HttpMethod.Get, $"/api/v1/assistant/conversations/{conversation}", null);
        Assert.Equal((HttpStatusCode.OK, 1), (readStatus, read.GetArrayLength()));

        var exchange = proposal.GetProperty("id").GetGuid();
        var (applyStatus, applied) = await ApiCalls.SendAsync(admin, HttpMethod.Post, $"/api/v1/assistant/proposals/{exchange}/apply", new { code = code.Replace('_', '-'), name = "Pro" });
        Assert.Equal(HttpStatusCode.OK, applyStatus);
        var plan = applied.GetProperty("appliedTo").GetGuid();
        var (_, draft) = await ApiCalls.SendAsync(admin, HttpMethod.Get, $"/api/v1/plans/{plan}", null);
        Assert.Equal("assistant", draft.GetProperty("draftOrigin").GetString());
        var (publishStatus, version) = await ApiCalls.SendAsync(admin, HttpMethod.Post, $"/api/v1/plans/{plan}/publish", new { comment = "reviewed" });
        Assert.Equal((HttpStatusCode.Created, "assistant"), (publishStatus, version.GetProperty("origin").GetString()));
    }

    [Fact]
    public async Task BadRequest_IsAProblemNamingTheField_AndAsksNothing()
    {
        factory.ModelProvider.Reset();
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);

        var (status, problem) = await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/assistant/proposals", new { kind = "invoice", request = "Anything." });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("must be 'plan', 'schedule' or 'query', not 'invoice'.", problem.GetProperty("errors").GetProperty("kind")[0].GetString());
        Assert.Empty(factory.ModelProvider.Requests);
    }

    [Fact]
    public async Task ProviderFailure_IsABadGatewayProblemSayingWhy()
    {
        factory.ModelProvider.Reset();
        factory.ModelProvider.Fail(401, "Incorrect API key provided.", "invalid_api_key");
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);

        var (status, problem) = await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/assistant/proposals", new { kind = "plan", request = "A plan." });

        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.StartsWith("The assistant's provider 'fake' answered HTTP 401: ", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TenantOverItsTokensOfTheDay_IsATooManyRequestsProblemWithRetryAfter_AndAsksNothing()
    {
        factory.ModelProvider.Reset();
        using var admin = ApiCalls.ClientWithKey(factory, await ApiCalls.OtherTenantKeyAsync(factory));
        var tenant = (await ApiCalls.SendAsync(admin, HttpMethod.Get, "/api/v1/me", null)).Body.GetProperty("tenantId").GetGuid();
        var now = factory.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var spent = new AssistantExchange(Guid.NewGuid(), Guid.NewGuid(), 1, "plan", null, "A plan.", string.Empty, string.Empty, "Which currency?", [], 1,
            "fake", "fake-model-1", "ana", now, null, null) { InputTokens = 1_500_000, OutputTokens = 500_000 };
        // Stored as a request that ended; the reservation it would give back is none.
        await factory.Services.GetRequiredService<AssistantExchanges>().AddAsync(tenant, spent, reservation: Guid.NewGuid(), CancellationToken.None);

        var (_, usage) = await ApiCalls.SendAsync(admin, HttpMethod.Get, "/api/v1/assistant/usage", null);
        using var refused = await admin.PostAsJsonAsync("/api/v1/assistant/proposals", new { kind = "plan", request = "A plan." });

        Assert.Equal("""{"requestsThisHour":1,"requestsPerHour":60,"tokensToday":2000000,"tokensPerDay":2000000}""", usage.GetRawText());
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = refused.Headers.RetryAfter!.Delta!.Value;
        Assert.InRange(retryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("This tenant's assistant requests used 2,000,000 tokens today, its limit of 2,000,000 (Tariff:Assistant:TokensPerDay)",
            problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(factory.ModelProvider.Requests);
    }

    [Fact]
    public async Task OnlyAdmins_AndOnlyTheirOwnTenant()
    {
        factory.ModelProvider.Reset();
        factory.ModelProvider.Reply(Answer(PlanText("pro")));
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);
        var (_, proposal) = await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/assistant/proposals", new { kind = "plan", request = "A plan." });
        var exchange = proposal.GetProperty("id").GetGuid();
        var conversation = proposal.GetProperty("conversationId").GetGuid();
        using var analyst = await ApiCalls.ClientAsync(factory, Roles.Analyst);
        using var stranger = ApiCalls.ClientWithKey(factory, await ApiCalls.OtherTenantKeyAsync(factory));

        Assert.Equal(HttpStatusCode.Forbidden, (await ApiCalls.SendAsync(analyst, HttpMethod.Post, "/api/v1/assistant/proposals", new { kind = "plan", request = "A plan." })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await ApiCalls.SendAsync(analyst, HttpMethod.Get, "/api/v1/assistant/providers", null)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await ApiCalls.SendAsync(stranger, HttpMethod.Get, $"/api/v1/assistant/conversations/{conversation}", null)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await ApiCalls.SendAsync(stranger, HttpMethod.Post, $"/api/v1/assistant/proposals/{exchange}/apply", new { code = "x", name = "X" })).Status);
        Assert.Equal(0, (await ApiCalls.SendAsync(stranger, HttpMethod.Get, "/api/v1/assistant/conversations", null)).Body.GetArrayLength());
        var (_, providers) = await ApiCalls.SendAsync(admin, HttpMethod.Get, "/api/v1/assistant/providers", null);
        Assert.Equal("""[{"name":"fake","model":"fake-model-1","isDefault":true}]""", providers.GetRawText());
        Assert.Single(factory.ModelProvider.Requests);
    }
}
