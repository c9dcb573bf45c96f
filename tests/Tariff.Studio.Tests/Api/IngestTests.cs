using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tariff.Platform.Accounts;

namespace Tariff.Studio.Tests.Api;

/// <summary>POST /api/v1/events over real HTTP handling and a real PostgreSQL: what is acknowledged is stored once.</summary>
public sealed class IngestTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    // The studio's own clock: timestamps are judged against it (future, late).
    private readonly DateTimeOffset now = factory.Services.GetRequiredService<TimeProvider>().GetUtcNow();

    [Fact]
    public async Task Post_JsonArrayTwice_AcceptsThenReportsDuplicatesAndTheSummaryCountsOnce()
    {
        using var client = await IngestClientAsync();
        var consumer = NewConsumer();
        var events = Enumerable.Range(0, 3).Select(i => Event($"a-{i}", consumer, tokens: 10 * (i + 1))).ToArray();

        var first = await PostAsync(client, JsonArray(events), "application/json");
        var second = await PostAsync(client, JsonArray(events), "application/json");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal((3, 0, 0), Counts(first.Body));
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal((0, 3, 0), Counts(second.Body));
        Assert.Equal(["duplicate", "duplicate", "duplicate"], Statuses(second.Body));
        Assert.Equal((3L, 60m), await SummaryAsync(consumer));
    }

    [Fact]
    public async Task Post_NdjsonWithABadLine_StoresTheGoodLinesAndNamesTheBadOne()
    {
        using var client = await IngestClientAsync();
        var consumer = NewConsumer();
        var body = string.Join('\n', Event("n-1", consumer), "{\"id\": \"n-2\", oops", "", Event("n-3", consumer)) + "\n";

        var (status, report) = await PostAsync(client, body, "application/x-ndjson");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal((2, 0, 1), Counts(report));
        var rejected = report.GetProperty("events")[1];
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        Assert.Equal("line 2", rejected.GetProperty("error").GetProperty("field").GetString());
        Assert.Equal((2L, 20m), await SummaryAsync(consumer));
    }

    [Fact]
    public async Task Post_MalformedEventsAmongGoodOnes_RefusesEachWithItsFieldAndKeepsTheGoodOnes()
    {
        using var client = await IngestClientAsync();
        var consumer = NewConsumer();
        var future = now.AddDays(2).ToString("O", CultureInfo.InvariantCulture);
        var events = new[]
        {
            Event("m-good-1", consumer),
            $$"""{"timestamp": "{{Stamp(now)}}", "consumer": "{{consumer}}"}""",
            $$"""{"id": "m-type", "timestamp": "{{Stamp(now)}}", "consumer": "{{consumer}}", "status": "two hundred"}""",
            $$"""{"id": "m-future", "timestamp": "{{future}}", "consumer": "{{consumer}}"}""",
            $$$"""{"id": "m-huge", "timestamp": "{{{Stamp(now)}}}", "consumer": "{{{consumer}}}", "measures": {"tokens": 1e27}}""",
            $$"""{"id": "m-negative", "timestamp": "{{Stamp(now)}}", "consumer": "{{consumer}}", "latency_ms": -3}""",
            $$"""{"id": "m-unknown", "timestamp": "{{Stamp(now)}}", "consumer": "{{consumer}}", "tokens": 5}""",
            Event("m-good-2", consumer),
        };

        var (status, report) = await PostAsync(client, JsonArray(events), "application/json");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal((2, 0, 6), Counts(report));
        Assert.Equal(
            ["[1].id", "[2].status", "[3].timestamp", "[4].measures.tokens", "[5].latency_ms", "[6].tokens"],
            report.GetProperty("events").EnumerateArray().Where(e => e.GetProperty("status").GetString() == "rejected")
                .Select(e => e.GetProperty("error").GetProperty("field").GetString()));
        Assert.Equal((2L, 20m), await SummaryAsync(consumer));
    }

    [Fact]
    public async Task Post_CloudEventsBatch_IsStoredOnceAndCountedUnderItsSubject()
    {
        using var client = await IngestClientAsync();
        var subject = NewConsumer();
        var batch = JsonArray(Enumerable.Range(0, 2).Select(i =>
            $$$"""{"specversion": "1.0", "type": "request", "id": "ce-{{{i}}}", "source": "kong", "subject": "{{{subject}}}", "time": "{{{Stamp(now)}}}", "data": {"tokens": 15, "method": "POST"}}"""));

        var first = await PostAsync(client, batch, "application/cloudevents-batch+json");
        var again = await PostAsync(client, batch, "application/cloudevents-batch+json");

        Assert.Equal((2, 0, 0), Counts(first.Body));
        Assert.Equal((0, 2, 0), Counts(again.Body));
        Assert.Equal((2L, 30m), await SummaryAsync(subject));
    }

    [Fact]
    public async Task PostKong_PublishedLogSampleWithARecentStart_IsStoredOnceUnderItsConsumer()
    {
        using var client = await IngestClientAsync();
        var consumer = NewConsumer();
        // Kong 3.8's published sample, made authenticated and recent (started_at is Unix milliseconds).
        var sample = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(Tariff.Testing.TestEnvironment.RepositoryRoot, "tests", "cases", "gateways", "kong-sample-1.json")))!;
        sample["started_at"] = now.AddMinutes(-1).ToUnixTimeMilliseconds();
        sample["consumer"] = new System.Text.Json.Nodes.JsonObject { ["id"] = consumer, ["username"] = "acme" };
        sample["request"]!["id"] = Guid.NewGuid().ToString("N");
        var body = $"[{sample.ToJsonString()}]";

        var first = await PostAsync(client, body, "application/json", "/api/v1/ingest/kong");
        var again = await PostAsync(client, body, "application/json", "/api/v1/ingest/kong");

        Assert.Equal((1, 0, 0), Counts(first.Body));
        Assert.Equal((0, 1, 0), Counts(again.Body));
        Assert.Equal((1L, 0m), await SummaryAsync(consumer));
    }

    [Fact]
    public async Task Post_AnEventOlderThanTheDeduplicationWindow_IsAcceptedAndFlaggedLate()
    {
        using var client = await IngestClientAsync();

        var (status, report) = await PostAsync(client, JsonArray([Event("late-1", NewConsumer(), at: now.AddDays(-40))]), "application/json");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(report.GetProperty("events")[0].GetProperty("late").GetBoolean());
    }

    [Theory]
    [InlineData("[{\"id\": \"x\",", "application/json", HttpStatusCode.BadRequest, "not valid JSON")]
    [InlineData("{\"events\": 3}", "application/json", HttpStatusCode.UnprocessableEntity, "\"field\":\"$.events\"")]
    [InlineData("\"text\"", "application/json", HttpStatusCode.BadRequest, "must be a JSON array of events, not a string")]
    [InlineData("[]", "text/csv", HttpStatusCode.UnsupportedMediaType, "application/json, application/x-ndjson, application/cloudevents+json")]
    public async Task Post_UnreadableBodyOrContentType_IsRefusedWithAClearReasonAndStoresNothing(string body, string contentType, HttpStatusCode expected, string reason)
    {
        using var client = await IngestClientAsync();

        using var response = await client.PostAsync("/api/v1/events", new StringContent(body, Encoding.UTF8, contentType));

        Assert.Equal(expected, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_MoreEventsThanTheBatchLimit_Is413WithTheLimitAndStoresNothing()
    {
        using var client = await IngestClientAsync();
        var consumer = NewConsumer();
        var events = Enumerable.Range(0, StudioFactory.MaxEventsPerBatch + 1).Select(i => Event($"big-{i}", consumer)).ToArray();

        using var response = await client.PostAsync("/api/v1/events", new StringContent(JsonArray(events), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains($"the limit is {StudioFactory.MaxEventsPerBatch}", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal((0L, 0m), await SummaryAsync(consumer));
    }

    [Fact]
    public async Task Post_MoreBytesThanTheRequestLimit_Is413WithTheLimit()
    {
        using var client = await IngestClientAsync();
        var padding = new string('x', StudioFactory.MaxRequestBytes);

        using var response = await client.PostAsync("/api/v1/events", new StringContent($"[\"{padding}\"]", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains(StudioFactory.MaxRequestBytes.ToString("N0", CultureInfo.InvariantCulture), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WithAKeyWithoutTheIngestScope_Is403AndWithoutAKey401()
    {
        using var apiOnly = ClientWithKey(await factory.CreateDemoApiKeyAsync(Roles.Operator));
        using var anonymous = factory.CreateClient();
        var body = JsonArray([Event("s-1", NewConsumer())]);

        using var forbidden = await apiOnly.PostAsync("/api/v1/events", new StringContent(body, Encoding.UTF8, "application/json"));
        using var unauthorized = await anonymous.PostAsync("/api/v1/events", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
    }

    [Fact]
    public async Task IngestOnlyKey_CannotReadTheApi()
    {
        using var ingestOnly = ClientWithKey(await factory.CreateDemoApiKeyAsync(Roles.Operator, [ApiKeyScopes.Ingest]));

        using var response = await ingestOnly.GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("", "2026-01-01", "from")]
    [InlineData("2026-02-01", "2026-01-01", "to")]
    [InlineData("yesterday", "2026-01-01", "from")]
    public async Task Summary_WithABadRange_Is400NamingTheParameter(string from, string to, string field)
    {
        using var client = ClientWithKey(StudioFactory.BootstrapKey);

        using var response = await client.GetAsync($"/api/v1/usage/summary?from={from}&to={to}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    private async Task<HttpClient> IngestClientAsync() => ClientWithKey(await factory.CreateDemoApiKeyAsync(Roles.Operator, [ApiKeyScopes.Ingest]));

    private HttpClient ClientWithKey(string key)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private async Task<(long Events, decimal Tokens)> SummaryAsync(string consumer)
    {
        using var client = ClientWithKey(StudioFactory.BootstrapKey);
        var from = Uri.EscapeDataString(Stamp(now.AddDays(-60)));
        var to = Uri.EscapeDataString(Stamp(now.AddDays(1)));
        var summary = await client.GetFromJsonAsync<JsonElement>($"/api/v1/usage/summary?consumer={consumer}&from={from}&to={to}");
        var rows = summary.GetProperty("rows").EnumerateArray().ToList();
        return (rows.Sum(r => r.GetProperty("events").GetInt64()),
            rows.Sum(r => r.GetProperty("measures").TryGetProperty("tokens", out var tokens) ? tokens.GetDecimal() : 0m));
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient client, string body, string contentType, string path = "/api/v1/events")
    {
        using var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, contentType));
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static (int Accepted, int Duplicates, int Rejected) Counts(JsonElement report) =>
        (report.GetProperty("accepted").GetInt32(), report.GetProperty("duplicates").GetInt32(), report.GetProperty("rejected").GetInt32());

    private static List<string?> Statuses(JsonElement report) =>
        [.. report.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("status").GetString())];

    private static string NewConsumer() => $"consumer-{Guid.NewGuid():N}";

    private static string Stamp(DateTimeOffset instant) => instant.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private string Event(string id, string consumer, int tokens = 10, DateTimeOffset? at = null) =>
        $$$"""{"id": "{{{id}}}", "timestamp": "{{{Stamp(at ?? now.AddMinutes(-5))}}}", "consumer": "{{{consumer}}}", "source": "tests", "method": "GET", "status": 200, "measures": {"tokens": {{{tokens}}}}, "dimensions": {"region": "eu"}}""";

    private static string JsonArray(IEnumerable<string> events) => "[" + string.Join(",", events) + "]";
}
