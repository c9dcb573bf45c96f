using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tariff.Engine.Usage;
using Tariff.Platform.Usage;

namespace Tariff.Studio.Tests.Api;

/// <summary>What billing API tests set up through the API: a subscribed consumer with usage in two closed months, and runs waited for.</summary>
internal static class ApiBilling
{
    public const string PlanText = """
        meter calls {
            count
        }

        plan metered {
            currency EUR
            fee base 10.00 recurring
            charge calls {
                per unit 1.00
            }
        }
        """;

    /// <summary>
    /// A consumer on <see cref="PlanText"/> since the first day of the month before last, with <paramref name="calls"/>
    /// calls in that month: two closed months to bill.
    /// </summary>
    public static async Task<(Guid ConsumerId, Guid PlanId, DateTimeOffset[] Months)> SubscribedConsumerAsync(StudioFactory factory, HttpClient admin, int calls)
    {
        var now = factory.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var thisMonth = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        DateTimeOffset[] months = [thisMonth.AddMonths(-2), thisMonth.AddMonths(-1)];
        var created = await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/plans", new { code = ApiCalls.Code("plan"), name = "Metered", text = PlanText });
        var planId = created.Body.GetProperty("plan").GetProperty("id").GetGuid();
        await ApiCalls.SendAsync(admin, HttpMethod.Post, $"/api/v1/plans/{planId}/publish", new { comment = "v1" });
        var identity = ApiCalls.Code("gw");
        var consumer = await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/consumers", new { code = ApiCalls.Code("C"), name = "Initech", identities = new[] { identity } });
        var consumerId = consumer.Body.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Created, (await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/subscriptions", new { consumerId, planId, startsAt = months[0] })).Status);
        var tenant = (await ApiCalls.SendAsync(admin, HttpMethod.Get, "/api/v1/me", null)).Body.GetProperty("tenantId").GetGuid();
        var events = Enumerable.Range(0, calls).Select(i => new IncomingEvent(new UsageEvent(Guid.NewGuid().ToString("N"), months[0].AddDays(4).AddHours(i), identity), Late: true));
        await factory.Services.GetRequiredService<IUsageStore>().AppendAsync(tenant, [.. events], now);
        return (consumerId, planId, months);
    }

    /// <summary>Starts a run and waits until it has finished; the run must succeed.</summary>
    public static async Task<JsonElement> RunAsync(HttpClient client, object body)
    {
        var started = await ApiCalls.SendAsync(client, HttpMethod.Post, "/api/v1/billing-runs", body);
        Assert.Equal(HttpStatusCode.Accepted, started.Status);
        var id = started.Body.GetProperty("id").GetGuid();
        // The server holds the answer until the run has finished (or a minute has passed).
        var run = await ApiCalls.SendAsync(client, HttpMethod.Get, $"/api/v1/billing-runs/{id}?wait=60", null);
        Assert.Equal("succeeded", run.Body.GetProperty("status").GetString());
        return run.Body;
    }
}
