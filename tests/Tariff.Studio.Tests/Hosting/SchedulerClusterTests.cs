using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Tariff.Platform.Billing;
using Tariff.Testing;

namespace Tariff.Studio.Tests.Hosting;

/// <summary>
/// Two studio processes on one database form one Quartz cluster: a schedule published through one fires on
/// whichever node takes it, and every firing and every period is billed once.
/// </summary>
public sealed class SchedulerClusterTests
{
    private const string Key = "trf_cluster_tests_admin_key_0123456789abcdef";
    private static readonly Dictionary<string, string> Environment = new() { ["TARIFF_BOOTSTRAP_API_KEY"] = Key };

    // The studio processes run on the system clock, and so does Quartz: the subscription starts by the same clock.
    private static readonly TimeProvider Clock = TimeProvider.System;

    [Fact]
    public async Task TwoNodes_AScheduleFiringEveryTwoSeconds_BillsEachFiringAndEachPeriodOnce()
    {
        await using var first = await StudioProcess.StartAsync(Environment);
        await using var second = await first.StartAnotherAsync(Environment);
        using var one = Client(first);
        using var two = Client(second);
        var now = Clock.GetUtcNow();
        var thisMonth = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var plan = await SendAsync(one, HttpMethod.Post, "/api/v1/plans", new
        {
            code = "metered", name = "Metered", text = "meter calls {\n    count\n}\n\nplan metered {\n    currency USD\n    fee base 5.00 recurring\n}\n",
        });
        var planId = plan.GetProperty("plan").GetProperty("id").GetGuid();
        await SendAsync(one, HttpMethod.Post, $"/api/v1/plans/{planId}/publish", new { comment = "v1" });
        var consumerId = (await SendAsync(one, HttpMethod.Post, "/api/v1/consumers", new { code = "C-1", name = "Initech" })).GetProperty("id").GetGuid();
        await SendAsync(one, HttpMethod.Post, "/api/v1/subscriptions", new { consumerId, planId, startsAt = thisMonth.AddMonths(-2) });

        var schedule = await SendAsync(two, HttpMethod.Post, "/api/v1/schedules", new
        {
            code = "often", text = "schedule often {\n    cron \"0/2 * * * * ?\"\n    plans \"metered\"\n}\n",
        });
        var scheduleId = schedule.GetProperty("schedule").GetProperty("id").GetGuid();
        await SendAsync(two, HttpMethod.Post, $"/api/v1/schedules/{scheduleId}/publish", new { comment = "every two seconds" });
        var runs = await WaitForScheduledRunsAsync(first, one, count: 4);
        await SendAsync(one, HttpMethod.Post, $"/api/v1/schedules/{scheduleId}/pause", null);

        var firings = await first.Database.QueryColumnAsync<long>("SELECT count(*) FROM billing_runs WHERE schedule_id IS NOT NULL");
        var distinctFirings = await first.Database.QueryColumnAsync<long>("SELECT count(DISTINCT fire_time) FROM billing_runs WHERE schedule_id IS NOT NULL");
        var nodes = await first.Database.QueryColumnAsync<string>("SELECT instance_name FROM qrtz_scheduler_state");
        var invoices = await SendAsync(one, HttpMethod.Get, $"/api/v1/invoices?consumerId={consumerId}", null);

        Assert.All(runs, run => Assert.Equal("succeeded", run.GetProperty("status").GetString()));
        Assert.Equal(firings, distinctFirings);
        Assert.Equal(2, nodes.Count);
        Assert.Equal(["INV-000001", "INV-000002"], invoices.EnumerateArray().Select(i => i.GetProperty("number").GetString()));
        Assert.All(invoices.EnumerateArray(), i => Assert.Equal(5.00m, i.GetProperty("total").GetDecimal()));
    }

    // Quartz fires by the wall clock: wait (at most two minutes) until the schedule has run this often, checking again
    // whenever a run on either node finishes.
    private static async Task<List<JsonElement>> WaitForScheduledRunsAsync(StudioProcess studio, HttpClient client, int count)
    {
        await using var dataSource = NpgsqlDataSource.Create(studio.Database.ConnectionString);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        return await BillingRunNotifications.WaitAsync(dataSource, async _ =>
        {
            var finished = (await SendAsync(client, HttpMethod.Get, "/api/v1/billing-runs", null)).EnumerateArray()
                .Where(r => r.GetProperty("trigger").GetString() == "schedule" && r.GetProperty("status").GetString() != "running")
                .ToList();
            return finished.Count >= count ? finished : null;
        }, deadline.Token);
    }

    private static HttpClient Client(StudioProcess studio)
    {
        var client = new HttpClient { BaseAddress = studio.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        return client;
    }

    private static async Task<JsonElement> SendAsync(HttpClient client, HttpMethod method, string path, object? body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
