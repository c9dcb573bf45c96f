using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Tariff.Platform.Accounts;
using Tariff.Platform.Metering;

namespace Tariff.Studio.Tests.Api;

/// <summary>
/// Entitlement checks as a gateway makes them (JSON, and nginx's auth_request), the consumer's real-time usage,
/// alerts and webhooks, over the real HTTP pipeline and PostgreSQL, roles and other tenants included.
/// </summary>
public sealed class MeteringApiTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    private const string PlanText = """
        meter calls {
            count
        }

        plan limited {
            currency EUR
            charge calls {
                per unit 0.01
            }
            quota calls 3 hard
        }
        """;

    private readonly DateTimeOffset now = factory.Services.GetRequiredService<TimeProvider>().GetUtcNow();

    [Fact]
    public async Task EntitlementCheck_QuotaUsedUp_DeniesInJsonAndWith403ForAuthRequest()
    {
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);
        using var gateway = ApiCalls.ClientWithKey(factory, await factory.CreateDemoApiKeyAsync(Roles.Operator, [ApiKeyScopes.Ingest]));
        var (identity, _) = await SubscribedConsumerAsync(admin);
        await SendCallsAsync(gateway, identity, 2);

        var allowed = await ApiCalls.SendAsync(gateway, HttpMethod.Post, "/api/v1/entitlements/check", new { consumer = identity, meter = "calls", quantity = 1 });
        await SendCallsAsync(gateway, identity, 1);
        var denied = await ApiCalls.SendAsync(gateway, HttpMethod.Post, "/api/v1/entitlements/check", new { consumer = identity, meter = "calls" });
        using var authRequest = new HttpRequestMessage(HttpMethod.Get, "/api/v1/entitlements/check");
        authRequest.Headers.Add("X-Tariff-Consumer", identity);
        authRequest.Headers.Add("X-Tariff-Meter", "calls");
        using var forbidden = await gateway.SendAsync(authRequest);
        using var zero = await gateway.GetAsync($"/api/v1/entitlements/check?consumer={identity}&meter=calls&quantity=0");

        Assert.Equal((HttpStatusCode.OK, true, 1m), (allowed.Status, allowed.Body.GetProperty("allowed").GetBoolean(), allowed.Body.GetProperty("remaining").GetDecimal()));
        Assert.Equal((HttpStatusCode.OK, false, 0m, 3m), (denied.Status, denied.Body.GetProperty("allowed").GetBoolean(),
            denied.Body.GetProperty("remaining").GetDecimal(), denied.Body.GetProperty("used").GetDecimal()));
        Assert.Equal(new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1), denied.Body.GetProperty("resetAt").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(("false", "0", "3"), (Header(forbidden, "X-Tariff-Allowed"), Header(forbidden, "X-Tariff-Remaining"), Header(forbidden, "X-Tariff-Limit")));
        Assert.Equal(HttpStatusCode.OK, zero.StatusCode);
    }

    [Fact]
    public async Task EntitlementCheck_BadRequestsAndKeysWithoutScope_AreRefusedClearly()
    {
        using var gateway = ApiCalls.ClientWithKey(factory, await factory.CreateDemoApiKeyAsync(Roles.Operator, [ApiKeyScopes.Ingest]));
        using var anonymous = factory.CreateClient();

        var noMeter = await ApiCalls.SendAsync(gateway, HttpMethod.Post, "/api/v1/entitlements/check", new { consumer = "x" });
        using var badQuantity = await gateway.GetAsync("/api/v1/entitlements/check?consumer=x&meter=calls&quantity=lots");
        using var unauthenticated = await anonymous.PostAsync("/api/v1/entitlements/check", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, noMeter.Status);
        Assert.Contains("meter", noMeter.Body.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(HttpStatusCode.BadRequest, badQuantity.StatusCode);
        Assert.Contains("'lots' is not a number", await badQuantity.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
    }

    [Fact]
    public async Task CurrentUsageAndAlerts_QuotaReached_ShowPercentAndThreeAlertsThatCanBeReadButNotByAnotherTenant()
    {
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);
        using var analyst = await ApiCalls.ClientAsync(factory, Roles.Analyst);
        using var other = ApiCalls.ClientWithKey(factory, await ApiCalls.OtherTenantKeyAsync(factory));
        using var gateway = ApiCalls.ClientWithKey(factory, await factory.CreateDemoApiKeyAsync(Roles.Operator, [ApiKeyScopes.Ingest]));
        var (identity, consumerId) = await SubscribedConsumerAsync(admin);
        await SendCallsAsync(gateway, identity, 3);
        await factory.Services.GetRequiredService<MeteringWorker>().RunOnceAsync();

        var usage = await ApiCalls.SendAsync(analyst, HttpMethod.Get, $"/api/v1/consumers/{consumerId}/usage/current", null);
        var alerts = (await ApiCalls.SendAsync(analyst, HttpMethod.Get, $"/api/v1/alerts?consumerId={consumerId}", null)).Body.EnumerateArray().ToList();
        var first = alerts[0].GetProperty("id").GetGuid();
        var read = await ApiCalls.SendAsync(analyst, HttpMethod.Post, $"/api/v1/alerts/{first}/read", null);
        var unread = (await ApiCalls.SendAsync(analyst, HttpMethod.Get, $"/api/v1/alerts?consumerId={consumerId}&unread=true", null)).Body.EnumerateArray();

        var quota = usage.Body.GetProperty("quotas")[0];
        Assert.Equal((3m, 100m, 0m), (quota.GetProperty("used").GetDecimal(), quota.GetProperty("percent").GetDecimal(), quota.GetProperty("remaining").GetDecimal()));
        Assert.Equal([80m, 90m, 100m], alerts.Select(a => a.GetProperty("threshold").GetDecimal()).Order());
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal(2, unread.Count());
        Assert.Equal(HttpStatusCode.NotFound, (await ApiCalls.SendAsync(other, HttpMethod.Post, $"/api/v1/alerts/{first}/read", null)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await ApiCalls.SendAsync(other, HttpMethod.Get, $"/api/v1/consumers/{consumerId}/usage/current", null)).Status);
        Assert.Empty((await ApiCalls.SendAsync(other, HttpMethod.Get, $"/api/v1/alerts?consumerId={consumerId}", null)).Body.EnumerateArray());
        Assert.Empty((await ApiCalls.SendAsync(other, HttpMethod.Get, $"/api/v1/alerts/{first}/deliveries", null)).Body.EnumerateArray());
    }

    [Fact]
    public async Task Webhooks_AdminCreatesOneAndSeesTheSecretOnce_AnalystMayNot()
    {
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);
        using var analyst = await ApiCalls.ClientAsync(factory, Roles.Analyst);

        var created = await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/webhooks", new { url = "http://127.0.0.1:9/hooks", description = "ops" });
        var invalid = await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/webhooks", new { url = "ftp://example.com/x" });
        var listed = (await ApiCalls.SendAsync(admin, HttpMethod.Get, "/api/v1/webhooks", null)).Body.EnumerateArray().ToList();
        var byAnalyst = await ApiCalls.SendAsync(analyst, HttpMethod.Post, "/api/v1/webhooks", new { url = "http://127.0.0.1:9/x" });
        var id = created.Body.GetProperty("id").GetGuid();
        var disabled = await ApiCalls.SendAsync(admin, HttpMethod.Delete, $"/api/v1/webhooks/{id}", null);

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Matches("^whsec_[0-9a-f]{64}$", created.Body.GetProperty("secret").GetString()!);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.Contains("url", invalid.Body.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.All(listed, w => Assert.False(w.TryGetProperty("secret", out _)));
        Assert.Equal(HttpStatusCode.Forbidden, byAnalyst.Status);
        Assert.Equal(HttpStatusCode.NoContent, disabled.Status);
    }

    [Fact]
    public async Task Reconcile_AfterIngest_FindsNoDrift()
    {
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);
        using var gateway = ApiCalls.ClientWithKey(factory, await factory.CreateDemoApiKeyAsync(Roles.Operator, [ApiKeyScopes.Ingest]));
        var (identity, _) = await SubscribedConsumerAsync(admin);
        await SendCallsAsync(gateway, identity, 2);

        var result = await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/usage/counters/reconcile", null);

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.True(result.Body.GetProperty("periods").GetInt32() >= 1);
        Assert.Empty(result.Body.GetProperty("drifts").EnumerateArray());
    }

    private static string? Header(HttpResponseMessage response, string name) => response.Headers.TryGetValues(name, out var values) ? values.Single() : null;

    private async Task<(string Identity, Guid ConsumerId)> SubscribedConsumerAsync(HttpClient admin)
    {
        var created = await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/plans", new { code = ApiCalls.Code("plan"), name = "Limited", text = PlanText });
        var planId = created.Body.GetProperty("plan").GetProperty("id").GetGuid();
        await ApiCalls.SendAsync(admin, HttpMethod.Post, $"/api/v1/plans/{planId}/publish", new { comment = "v1" });
        var identity = ApiCalls.Code("gw");
        var consumer = await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/consumers", new { code = ApiCalls.Code("C"), name = "Initech", identities = new[] { identity } });
        var consumerId = consumer.Body.GetProperty("id").GetGuid();
        var startsAt = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.Created, (await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/subscriptions", new { consumerId, planId, startsAt })).Status);
        return (identity, consumerId);
    }

    private async Task SendCallsAsync(HttpClient gateway, string identity, int calls)
    {
        var at = factory.Services.GetRequiredService<TimeProvider>().GetUtcNow().AddSeconds(-1);
        var events = Enumerable.Range(0, calls).Select(_ => $$"""{"id":"{{Guid.NewGuid():N}}","timestamp":"{{at:O}}","consumer":"{{identity}}"}""");
        using var sent = await gateway.PostAsync("/api/v1/events", new StringContent($"[{string.Join(',', events)}]", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
    }
}
