using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tariff.Engine.Syntax;
using Tariff.Platform.Accounts;

namespace Tariff.Studio.Tests.Api;

/// <summary>
/// The catalog over the real HTTP pipeline and PostgreSQL: plans from draft to versions, consumers and subscriptions,
/// a consumer's usage measured by its plan, and every id of one tenant tried by another.
/// </summary>
public sealed class CatalogApiTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    private const string PlanText = """
        meter calls {
            count
        }

        meter tokens {
            sum measures.tokens
            group by dimensions.region
        }

        plan starter {
            currency EUR
            charge calls {
                per unit 0.01
            }
            charge tokens {
                per unit 0.001
            }
            quota calls 1000 hard
        }
        """;

    private readonly DateTimeOffset now = factory.Services.GetRequiredService<TimeProvider>().GetUtcNow();

    [Fact]
    public async Task Plan_TypoThenFixThenPublishTwiceThenRollback_KeepsEveryVersionDownloadable()
    {
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);
        var code = ApiCalls.Code("plan");

        var created = await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/plans", new { code, name = "Starter", text = PlanText.Replace("count", "cuont", StringComparison.Ordinal) });
        var planId = created.Body.GetProperty("plan").GetProperty("id").GetGuid();
        var refused = await ApiCalls.SendAsync(admin, HttpMethod.Post, $"/api/v1/plans/{planId}/publish", new { comment = "too early" });
        var fixedDraft = await ApiCalls.SendAsync(admin, HttpMethod.Put, $"/api/v1/plans/{planId}/draft", new { text = PlanText });
        var first = await ApiCalls.SendAsync(admin, HttpMethod.Post, $"/api/v1/plans/{planId}/publish", new { comment = "first" });
        await ApiCalls.SendAsync(admin, HttpMethod.Put, $"/api/v1/plans/{planId}/draft", new { text = PlanText.Replace("0.01", "0.02", StringComparison.Ordinal) });
        var second = await ApiCalls.SendAsync(admin, HttpMethod.Post, $"/api/v1/plans/{planId}/publish", new { comment = "dearer", assistant = true });
        var rollback = await ApiCalls.SendAsync(admin, HttpMethod.Post, $"/api/v1/plans/{planId}/versions/1/rollback", null);

        Assert.Equal(HttpStatusCode.Created, created.Status);
        var typo = Assert.Single(created.Body.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("id").GetString() == "TRF0002");
        Assert.Equal((2, 5, 10), (typo.GetProperty("startLineNumber").GetInt32(), typo.GetProperty("startColumn").GetInt32(), typo.GetProperty("endColumn").GetInt32()));
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains(refused.Body.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("id").GetString() == "TRF0002" && d.GetProperty("line").GetInt32() == 2);
        Assert.StartsWith("has 2 error(s)", refused.Body.GetProperty("errors").GetProperty("draft")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, fixedDraft.Body.GetProperty("diagnostics").GetArrayLength());
        Assert.Equal((1, 2, 3), (first.Body.GetProperty("version").GetInt32(), second.Body.GetProperty("version").GetInt32(), rollback.Body.GetProperty("version").GetInt32()));
        Assert.Equal(["typed", "assistant", "rollback"], (await ApiCalls.SendAsync(admin, HttpMethod.Get, $"/api/v1/plans/{planId}/versions", null)).Body
            .EnumerateArray().Select(v => v.GetProperty("origin").GetString()));

        using var text = await admin.GetAsync($"/api/v1/plans/{planId}/versions/3/text");
        using var json = await admin.GetAsync($"/api/v1/plans/{planId}/versions/3/json");
        Assert.Equal(PlanText, await text.Content.ReadAsStringAsync());
        Assert.Equal("starter-v3.tariff", text.Content.Headers.ContentDisposition?.FileName);
        var document = DocumentJson.Deserialize(await json.Content.ReadAsStringAsync());
        Assert.Equal("starter", Assert.Single(document.Declarations.OfType<PlanSyntax>()).Name.Value);
    }

    [Fact]
    public async Task ConsumerUsage_EventsOfMappedIdentities_AreMeasuredByThePlanAndUnmappedOnesAreListed()
    {
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);
        using var ingest = ApiCalls.ClientWithKey(factory, await factory.CreateDemoApiKeyAsync(Roles.Operator, [ApiKeyScopes.Ingest]));
        var (gateway, app, stranger) = (ApiCalls.Code("kong"), ApiCalls.Code("app"), ApiCalls.Code("stranger"));
        var planId = await PublishedPlanAsync(admin);
        var events = new[]
        {
            Event(gateway, 100, "eu"), Event(gateway, 20, "us"), Event(app, 5, "eu"), Event(stranger, 999, "eu"),
        };
        using (var sent = await ingest.PostAsync("/api/v1/events", new StringContent($"[{string.Join(',', events)}]", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        }

        var consumer = await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/consumers", new { code = ApiCalls.Code("C"), name = "Acme Labs", identities = new[] { gateway } });
        var consumerId = consumer.Body.GetProperty("id").GetGuid();
        var subscription = await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/subscriptions", new { consumerId, planId, startsAt = now.AddDays(-10) });
        // Mapped after its events arrived: they count all the same.
        await ApiCalls.SendAsync(admin, HttpMethod.Post, $"/api/v1/consumers/{consumerId}/identities", new { identities = new[] { app } });
        var range = $"from={Stamp(now.AddDays(-1))}&to={Stamp(now.AddDays(1))}";

        var usage = await ApiCalls.SendAsync(admin, HttpMethod.Get, $"/api/v1/consumers/{consumerId}/usage?{range}", null);
        var unmapped = await ApiCalls.SendAsync(admin, HttpMethod.Get, $"/api/v1/usage/identities?{range}&unmapped=true", null);

        Assert.Equal(HttpStatusCode.Created, subscription.Status);
        Assert.Equal(HttpStatusCode.OK, usage.Status);
        Assert.Equal(3, usage.Body.GetProperty("events").GetInt32());
        var meters = usage.Body.GetProperty("meters");
        Assert.Equal(("calls", 3m), (meters[0].GetProperty("meter").GetString(), meters[0].GetProperty("total").GetDecimal()));
        Assert.Equal(["eu=105", "us=20"], meters[1].GetProperty("groups").EnumerateArray()
            .Select(g => $"{g.GetProperty("values")[0].GetString()}={g.GetProperty("quantity").GetDecimal()}"));
        Assert.Equal(997m, usage.Body.GetProperty("quotas")[0].GetProperty("remaining").GetDecimal());
        var strangerRow = Assert.Single(unmapped.Body.EnumerateArray(), i => i.GetProperty("identity").GetString() == stranger);
        Assert.Equal(1, strangerRow.GetProperty("events").GetInt64());
        Assert.DoesNotContain(unmapped.Body.EnumerateArray(), i => i.GetProperty("identity").GetString() == gateway);
    }

    [Fact]
    public async Task AnotherTenant_TryingEveryIdOfThisOne_Gets404OrAFieldError()
    {
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);
        using var other = ApiCalls.ClientWithKey(factory, await ApiCalls.OtherTenantKeyAsync(factory));
        var planId = await PublishedPlanAsync(admin);
        var consumerId = (await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/consumers", new { code = ApiCalls.Code("C"), name = "Acme" })).Body.GetProperty("id").GetGuid();
        var subscriptionId = (await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/subscriptions", new { consumerId, planId })).Body.GetProperty("id").GetGuid();
        var range = $"from={Stamp(now.AddDays(-1))}&to={Stamp(now)}";

        foreach (var path in new[]
        {
            $"/api/v1/plans/{planId}", $"/api/v1/plans/{planId}/versions", $"/api/v1/plans/{planId}/versions/1", $"/api/v1/plans/{planId}/versions/1/text",
            $"/api/v1/plans/{planId}/versions/1/json", $"/api/v1/consumers/{consumerId}", $"/api/v1/consumers/{consumerId}/usage?{range}",
            $"/api/v1/subscriptions/{subscriptionId}", $"/api/v1/plans/{planId}/migrations",
        })
        {
            using var response = await other.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {response.StatusCode}");
        }

        Assert.Equal(HttpStatusCode.NotFound, (await ApiCalls.SendAsync(other, HttpMethod.Put, $"/api/v1/plans/{planId}/draft", new { text = PlanText })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await ApiCalls.SendAsync(other, HttpMethod.Post, $"/api/v1/plans/{planId}/publish", null)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await ApiCalls.SendAsync(other, HttpMethod.Post, $"/api/v1/plans/{planId}/versions/1/rollback", null)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await ApiCalls.SendAsync(other, HttpMethod.Post, $"/api/v1/consumers/{consumerId}/identities", new { identities = new[] { "x" } })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await ApiCalls.SendAsync(other, HttpMethod.Post, $"/api/v1/subscriptions/{subscriptionId}/cancel", null)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await ApiCalls.SendAsync(other, HttpMethod.Post, $"/api/v1/subscriptions/{subscriptionId}/migrate", null)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await ApiCalls.SendAsync(other, HttpMethod.Post, $"/api/v1/plans/{planId}/migrate", null)).Status);
        var foreign = await ApiCalls.SendAsync(other, HttpMethod.Post, "/api/v1/subscriptions", new { consumerId, planId });
        Assert.Equal(HttpStatusCode.BadRequest, foreign.Status);
        Assert.True(foreign.Body.GetProperty("errors").TryGetProperty("consumerId", out _));
        Assert.Empty((await ApiCalls.SendAsync(other, HttpMethod.Get, "/api/v1/plans", null)).Body.EnumerateArray());
    }

    [Fact]
    public async Task Roles_AnAnalystCannotManageConsumers_AndAnOperatorCannotChangePlans()
    {
        using var analyst = await ApiCalls.ClientAsync(factory, Roles.Analyst);
        using var operatorClient = await ApiCalls.ClientAsync(factory, Roles.Operator);

        Assert.Equal(HttpStatusCode.Forbidden, (await ApiCalls.SendAsync(analyst, HttpMethod.Post, "/api/v1/consumers", new { code = ApiCalls.Code("C"), name = "X" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await ApiCalls.SendAsync(operatorClient, HttpMethod.Post, "/api/v1/plans", new { code = ApiCalls.Code("p"), name = "X", text = PlanText })).Status);
        Assert.Equal(HttpStatusCode.Created, (await ApiCalls.SendAsync(analyst, HttpMethod.Post, "/api/v1/products", new { code = ApiCalls.Code("api"), name = "Search API" })).Status);
    }

    [Theory]
    [InlineData("/api/v1/products", """{"code": "Not A Code", "name": "X"}""", "code")]
    [InlineData("/api/v1/products", """{"code": "ok-code"}""", "name")]
    [InlineData("/api/v1/plans", """{"code": "p1", "name": "X"}""", "text")]
    [InlineData("/api/v1/consumers", """{"code": "C-9", "name": "X", "email": "nope"}""", "email")]
    [InlineData("/api/v1/consumers", """{"code": "C-8", "name": "X", "identities": [""]}""", "identities[0]")]
    [InlineData("/api/v1/subscriptions", """{"consumerId": "00000000-0000-0000-0000-000000000001"}""", "planId")]
    public async Task Create_WithABadField_IsAProblemNamingTheField(string path, string body, string field)
    {
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);

        using var response = await admin.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), problem.RootElement.ToString());
    }

    private static async Task<Guid> PublishedPlanAsync(HttpClient admin)
    {
        var created = await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/plans", new { code = ApiCalls.Code("plan"), name = "Starter", text = PlanText });
        var planId = created.Body.GetProperty("plan").GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Created, (await ApiCalls.SendAsync(admin, HttpMethod.Post, $"/api/v1/plans/{planId}/publish", new { comment = "v1" })).Status);
        return planId;
    }

    private string Event(string identity, int tokens, string region) =>
        $$$"""{"id": "{{{Guid.NewGuid():N}}}", "timestamp": "{{{now.AddMinutes(-5).ToString("O", CultureInfo.InvariantCulture)}}}", "consumer": "{{{identity}}}", "measures": {"tokens": {{{tokens}}}}, "dimensions": {"region": "{{{region}}}"}}""";

    private static string Stamp(DateTimeOffset instant) => Uri.EscapeDataString(instant.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
}
