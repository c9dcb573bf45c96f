using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tariff.Engine.Syntax;
using Tariff.Engine.Usage;
using Tariff.Platform.Accounts;
using Tariff.Platform.Usage;

namespace Tariff.Studio.Tests.Api;

/// <summary>Saved queries over the real HTTP pipeline and PostgreSQL: drafts, diagnostics, versions, results as JSON and CSV, and tenant isolation.</summary>
public sealed class QueryApiTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    private readonly DateTimeOffset now = factory.Services.GetRequiredService<TimeProvider>().GetUtcNow();

    [Fact]
    public async Task Query_UnknownConsumerThenFixed_PublishedRunExportedAndRolledBack()
    {
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);
        var (consumer, identity) = (ApiCalls.Code("C"), ApiCalls.Code("gw"));
        await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/consumers", new { code = consumer, name = "Globex", identities = new[] { identity } });
        var yesterday = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-1);
        await StoreAsync(admin, identity, yesterday.AddHours(9), yesterday.AddHours(10), yesterday.AddHours(10), yesterday.AddDays(1).AddHours(-1));
        await StoreAsync(admin, identity, yesterday.AddDays(-10)); // outside the last 7 days
        var code = ApiCalls.Code("q");
        string Text(string consumers, bool daily) =>
            $"meter calls {{\n    count\n}}\n\nquery recent {{\n    show calls\n    last 7 days\n{(daily ? "    step day\n" : "")}    consumers {consumers}\n}}\n";

        var created = await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/queries", new { code, text = Text($"\"{consumer}\", \"nobody\"", daily: true) });
        var id = created.Body.GetProperty("query").GetProperty("id").GetGuid();
        var checkedText = await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/queries/check", new { text = Text("\"nobody\"", daily: true) });
        var refused = await ApiCalls.SendAsync(admin, HttpMethod.Post, $"/api/v1/queries/{id}/publish", new { comment = "too early" });
        await ApiCalls.SendAsync(admin, HttpMethod.Put, $"/api/v1/queries/{id}/draft", new { text = Text($"\"{consumer}\"", daily: true) });
        var first = await ApiCalls.SendAsync(admin, HttpMethod.Post, $"/api/v1/queries/{id}/publish", new { comment = "daily" });
        var daily = await ApiCalls.SendAsync(admin, HttpMethod.Get, $"/api/v1/queries/{id}/result", null);
        using var csv = await admin.GetAsync($"/api/v1/queries/{id}/result.csv");
        await ApiCalls.SendAsync(admin, HttpMethod.Put, $"/api/v1/queries/{id}/draft", new { text = Text($"\"{consumer}\"", daily: false) });
        await ApiCalls.SendAsync(admin, HttpMethod.Post, $"/api/v1/queries/{id}/publish", new { comment = "totals" });
        var totals = await ApiCalls.SendAsync(admin, HttpMethod.Get, $"/api/v1/queries/{id}/result", null);
        var rollback = await ApiCalls.SendAsync(admin, HttpMethod.Post, $"/api/v1/queries/{id}/versions/1/rollback", null);
        var restored = await ApiCalls.SendAsync(admin, HttpMethod.Get, $"/api/v1/queries/{id}/result", null);
        var firstAgain = await ApiCalls.SendAsync(admin, HttpMethod.Get, $"/api/v1/queries/{id}/result?version=1", null);

        Assert.Equal(HttpStatusCode.Created, created.Status);
        var column = Text($"\"{consumer}\", \"nobody\"", daily: true).Split('\n')[8].IndexOf("\"nobody\"", StringComparison.Ordinal) + 1;
        var unknown = Assert.Single(created.Body.GetProperty("diagnostics").EnumerateArray());
        Assert.Equal(("TRF0115", 9, column), (unknown.GetProperty("id").GetString(), unknown.GetProperty("startLineNumber").GetInt32(), unknown.GetProperty("startColumn").GetInt32()));
        Assert.Equal("TRF0115", Assert.Single(checkedText.Body.GetProperty("diagnostics").EnumerateArray()).GetProperty("id").GetString());
        Assert.Contains(checkedText.Body.GetProperty("symbols").EnumerateArray(), s => s.GetProperty("kind").GetString() == "query");
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.StartsWith($"has 1 error(s); the first, TRF0115 at line 9, column {column}", refused.Body.GetProperty("errors").GetProperty("draft")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(1, first.Body.GetProperty("version").GetInt32());
        var (from, to) = (daily.Body.GetProperty("from").GetDateTimeOffset(), daily.Body.GetProperty("to").GetDateTimeOffset());
        // The seven days end with today, as the server's clock has it when the query runs (tomorrow, if midnight passed meanwhile).
        Assert.Equal(("day", TimeSpan.FromDays(7), TimeSpan.Zero), (daily.Body.GetProperty("step").GetString(), to - from, to.UtcDateTime.TimeOfDay));
        Assert.InRange(to, yesterday.AddDays(2), yesterday.AddDays(3));
        Assert.Equal([$"{consumer} {yesterday:O} calls 4"], Rows(daily.Body));
        Assert.Equal($"consumer,step,meter,group,quantity\r\n{consumer},{yesterday:yyyy-MM-ddTHH:mm:ssZ},calls,,4\r\n", await csv.Content.ReadAsStringAsync());
        Assert.Equal("recent.csv", csv.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal([$"{consumer}  calls 4"], Rows(totals.Body));
        Assert.Equal(JsonValueKind.Null, totals.Body.GetProperty("step").ValueKind);
        Assert.Equal((3, "rollback"), (rollback.Body.GetProperty("version").GetInt32(), rollback.Body.GetProperty("origin").GetString()));
        Assert.Equal(Rows(daily.Body), Rows(restored.Body));
        Assert.Equal(Rows(daily.Body), Rows(firstAgain.Body));

        using var text = await admin.GetAsync($"/api/v1/queries/{id}/versions/3/text");
        using var json = await admin.GetAsync($"/api/v1/queries/{id}/versions/3/json");
        Assert.Equal(Text($"\"{consumer}\"", daily: true), await text.Content.ReadAsStringAsync());
        Assert.Equal($"{code}-v3.tariff", text.Content.Headers.ContentDisposition?.FileName);
        var query = Assert.Single(DocumentJson.Deserialize(await json.Content.ReadAsStringAsync()).Declarations.OfType<QuerySyntax>());
        Assert.Equal(("recent", "day", 7m), (query.Name.Value, query.Step!.Value, query.Range!.Length));
    }

    [Fact]
    public async Task RunText_WithErrors_IsAProblemWithLineAndColumn_AndOperatorsCannotWrite()
    {
        using var analyst = await ApiCalls.ClientAsync(factory, Roles.Analyst);
        using var operatorClient = await ApiCalls.ClientAsync(factory, Roles.Operator);

        var refused = await ApiCalls.SendAsync(analyst, HttpMethod.Post, "/api/v1/queries/run", new { text = "query q {\n    show calls\n}\n" });
        var byOperator = await ApiCalls.SendAsync(operatorClient, HttpMethod.Post, "/api/v1/queries", new { code = ApiCalls.Code("q"), text = "query q { }" });
        var byAnalyst = await ApiCalls.SendAsync(analyst, HttpMethod.Post, "/api/v1/queries", new { code = ApiCalls.Code("q"), text = "query q { }" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        var diagnostic = Assert.Single(refused.Body.GetProperty("diagnostics").EnumerateArray());
        Assert.Equal(("TRF0101", 2, 9), (diagnostic.GetProperty("id").GetString(), diagnostic.GetProperty("line").GetInt32(), diagnostic.GetProperty("column").GetInt32()));
        Assert.Equal(HttpStatusCode.Forbidden, byOperator.Status);
        Assert.Equal(HttpStatusCode.Created, byAnalyst.Status);
        Assert.Equal("TRF0011", Assert.Single(byAnalyst.Body.GetProperty("diagnostics").EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task AnotherTenant_TryingAQueryOfThisOne_Gets404()
    {
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);
        using var other = ApiCalls.ClientWithKey(factory, await ApiCalls.OtherTenantKeyAsync(factory));
        var created = await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/queries", new { code = ApiCalls.Code("q"), text = "meter m {\n    count\n}\n\nquery q {\n    show m\n}\n" });
        var id = created.Body.GetProperty("query").GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Created, (await ApiCalls.SendAsync(admin, HttpMethod.Post, $"/api/v1/queries/{id}/publish", null)).Status);

        foreach (var (method, path) in new[]
        {
            (HttpMethod.Get, $"/api/v1/queries/{id}"), (HttpMethod.Get, $"/api/v1/queries/{id}/versions"), (HttpMethod.Get, $"/api/v1/queries/{id}/result"),
            (HttpMethod.Get, $"/api/v1/queries/{id}/result.csv"), (HttpMethod.Get, $"/api/v1/queries/{id}/versions/1/text"),
            (HttpMethod.Get, $"/api/v1/queries/{id}/versions/1/json"), (HttpMethod.Post, $"/api/v1/queries/{id}/publish"),
            (HttpMethod.Post, $"/api/v1/queries/{id}/versions/1/rollback"),
        })
        {
            Assert.Equal((path, HttpStatusCode.NotFound), (path, (await ApiCalls.SendAsync(other, method, path, null)).Status));
        }

        var draft = await ApiCalls.SendAsync(other, HttpMethod.Put, $"/api/v1/queries/{id}/draft", new { text = "query q { }" });
        Assert.Equal(HttpStatusCode.NotFound, draft.Status);
        Assert.Empty((await ApiCalls.SendAsync(other, HttpMethod.Get, "/api/v1/queries", null)).Body.EnumerateArray());
    }

    private static List<string> Rows(JsonElement result) =>
        [.. result.GetProperty("rows").EnumerateArray().Select(r =>
            $"{r.GetProperty("consumer").GetString()} {(r.GetProperty("step").ValueKind == JsonValueKind.Null ? "" : r.GetProperty("step").GetDateTimeOffset().ToString("O"))} {r.GetProperty("meter").GetString()} {r.GetProperty("quantity").GetDecimal()}")];

    private async Task StoreAsync(HttpClient admin, string identity, params DateTimeOffset[] times)
    {
        var tenant = (await ApiCalls.SendAsync(admin, HttpMethod.Get, "/api/v1/me", null)).Body.GetProperty("tenantId").GetGuid();
        var events = times.Select(t => new IncomingEvent(new UsageEvent(Guid.NewGuid().ToString("N"), t, identity), Late: false)).ToList();
        await factory.Services.GetRequiredService<IUsageStore>().AppendAsync(tenant, events, now);
    }
}
