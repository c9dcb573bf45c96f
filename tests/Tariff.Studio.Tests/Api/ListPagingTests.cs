using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tariff.Platform.Accounts;

namespace Tariff.Studio.Tests.Api;

/// <summary>
/// The catalog's long lists (consumers, subscriptions, plans, billing runs) page in the database: a total, a next
/// link that keeps the filters, sorts that hold across pages, and a search that takes <c>%</c> and <c>_</c> literally.
/// Each test works in a tenant of its own, so the counts are exact.
/// </summary>
public sealed class ListPagingTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    [Fact]
    public async Task Consumers_PageSortAndSearch_InTheDatabase()
    {
        using var admin = ApiCalls.ClientWithKey(factory, await ApiCalls.OtherTenantKeyAsync(factory));
        (string Code, string Name, string Identity)[] consumers =
            [("c-03", "Zeta", "gw_1"), ("c-01", "alpha", "gw-a"), ("c-02", "Beta", "gw-b"), ("c-04", "Gamma 50%", "gw-g"), ("c-05", "Delta", "x_y")];
        foreach (var (code, name, identity) in consumers)
        {
            Assert.Equal(HttpStatusCode.Created, (await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/consumers", new { code, name, identities = new[] { identity } })).Status);
        }

        var pages = await ReadAllAsync(admin, "/api/v1/consumers?limit=2");
        using var badSort = await admin.GetAsync("/api/v1/consumers?sort=price");
        using var badOffset = await admin.GetAsync("/api/v1/consumers?offset=-1");

        Assert.Equal([5, 5, 5], pages.Select(p => p.Total));
        Assert.Equal(["/api/v1/consumers?limit=2&offset=2", "/api/v1/consumers?limit=2&offset=4", null], pages.Select(p => p.Next));
        Assert.Equal(["c-01", "c-02", "c-03", "c-04", "c-05"], pages.SelectMany(p => p.Items).Select(c => c.GetProperty("code").GetString()));
        Assert.Equal(["alpha", "Beta", "Delta", "Gamma 50%", "Zeta"], await CodesAsync(admin, "/api/v1/consumers?sort=name", "name"));
        Assert.Equal(["c-05", "c-04", "c-02", "c-01", "c-03"], await CodesAsync(admin, "/api/v1/consumers?sort=created", "code"));
        Assert.Equal(["c-04"], await CodesAsync(admin, "/api/v1/consumers?search=50%25", "code"));
        Assert.Equal(["c-03", "c-05"], await CodesAsync(admin, "/api/v1/consumers?search=_", "code"));
        Assert.Equal(["c-01"], await CodesAsync(admin, "/api/v1/consumers?search=ALPHA", "code"));
        Assert.Equal(["c-01"], await CodesAsync(admin, "/api/v1/consumers?search=gw-a", "code"));
        var sorted = await ReadAllAsync(admin, "/api/v1/consumers?search=gw&sort=name&limit=3");
        Assert.Equal("/api/v1/consumers?search=gw&sort=name&limit=3&offset=3", sorted[0].Next);
        Assert.Equal(["alpha", "Beta", "Gamma 50%", "Zeta"], sorted.SelectMany(p => p.Items).Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, badSort.StatusCode);
        Assert.Equal("'price' is not one of code, name, created.", (await badSort.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("sort")[0].GetString());
        Assert.Equal("must be 0 or more.", (await badOffset.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("offset")[0].GetString());
    }

    [Fact]
    public async Task PlansSubscriptionsAndRuns_PageWithATotalAndANextLink()
    {
        using var admin = ApiCalls.ClientWithKey(factory, await ApiCalls.OtherTenantKeyAsync(factory));
        var planIds = new List<Guid>();
        foreach (var code in new[] { "p-b", "p-c", "p-a" })
        {
            var plan = await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/plans", new { code, name = code, text = ApiBilling.PlanText });
            planIds.Add(plan.Body.GetProperty("plan").GetProperty("id").GetGuid());
            await ApiCalls.SendAsync(admin, HttpMethod.Post, $"/api/v1/plans/{planIds[^1]}/publish", new { comment = "v1" });
        }

        var consumerIds = new List<Guid>();
        foreach (var (code, day) in new[] { ("s-1", 3), ("s-2", 1), ("s-3", 2) })
        {
            var consumer = await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/consumers", new { code, name = code });
            consumerIds.Add(consumer.Body.GetProperty("id").GetGuid());
            var startsAt = new DateTimeOffset(2026, 1, day, 0, 0, 0, TimeSpan.Zero);
            Assert.Equal(HttpStatusCode.Created, (await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/subscriptions",
                new { consumerId = consumerIds[^1], planId = planIds[0], startsAt })).Status);
        }

        var runIds = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            runIds.Add((await ApiBilling.RunAsync(admin, new { consumerIds = new[] { consumerIds[i] }, dryRun = true })).GetProperty("id").GetGuid());
        }

        var plans = await ReadAllAsync(admin, "/api/v1/plans?limit=2");
        var subscriptions = await ReadAllAsync(admin, "/api/v1/subscriptions?limit=2");
        var oneConsumer = await ReadAllAsync(admin, $"/api/v1/subscriptions?consumerId={consumerIds[1]}&limit=2");
        var runs = await ReadAllAsync(admin, "/api/v1/billing-runs?limit=2");
        using var badLimit = await admin.GetAsync("/api/v1/billing-runs?limit=0");

        Assert.Equal([3, 3], plans.Select(p => p.Total));
        Assert.Equal(["p-a", "p-b", "p-c"], plans.SelectMany(p => p.Items).Select(p => p.GetProperty("code").GetString()));
        Assert.Equal("/api/v1/subscriptions?limit=2&offset=2", subscriptions[0].Next);
        Assert.Equal([consumerIds[1], consumerIds[2], consumerIds[0]], subscriptions.SelectMany(p => p.Items).Select(s => s.GetProperty("consumerId").GetGuid()));
        Assert.Equal(1, Assert.Single(oneConsumer).Total);
        Assert.Equal([3, 3], runs.Select(p => p.Total));
        Assert.Equal(Enumerable.Reverse(runIds), runs.SelectMany(p => p.Items).Select(r => r.GetProperty("id").GetGuid()));
        Assert.Equal("must be 1 to 1,000.", (await badLimit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("limit")[0].GetString());
    }

    [Theory]
    [InlineData("/api/v1/subscriptions?consumerId=acme", "consumerId", "acme")]
    [InlineData("/api/v1/invoices?consumerId=12", "consumerId", "12")]
    public async Task AQueryValueOfTheWrongType_IsA400NamingTheValue_NotAServerError(string path, string parameter, string value)
    {
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);

        var (status, body) = await ApiCalls.SendAsync(admin, HttpMethod.Get, path, null);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(400, body.GetProperty("status").GetInt32());
        var detail = body.GetProperty("detail").GetString();
        Assert.Contains($"{parameter}\" from \"{value}\"", detail, StringComparison.Ordinal);
    }

    private static async Task<List<string?>> CodesAsync(HttpClient client, string path, string property) =>
        [.. (await ReadAllAsync(client, path)).SelectMany(p => p.Items).Select(c => c.GetProperty(property).GetString())];

    /// <summary>Reads <paramref name="path"/> and then every page its Link headers point to.</summary>
    private static async Task<List<(int Total, string? Next, List<JsonElement> Items)>> ReadAllAsync(HttpClient client, string path)
    {
        var pages = new List<(int, string?, List<JsonElement>)>();
        for (string? next = path; next is not null && pages.Count < 10;)
        {
            using var response = await client.GetAsync(next);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var link = response.Headers.TryGetValues("Link", out var values) ? values.Single() : null;
            next = link?[1..link.IndexOf('>', StringComparison.Ordinal)];
            var items = (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
            pages.Add((int.Parse(response.Headers.GetValues("X-Total-Count").Single(), System.Globalization.CultureInfo.InvariantCulture), next, items));
        }

        return pages;
    }
}
