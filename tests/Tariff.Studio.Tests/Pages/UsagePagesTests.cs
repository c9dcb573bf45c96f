using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tariff.Platform.Accounts;
using Tariff.Studio.Tests.Api;

namespace Tariff.Studio.Tests.Pages;

/// <summary>The usage explorer, its CSV export and the dashboard's ingest health, fed through the real ingest API.</summary>
public sealed class UsagePagesTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    [Fact]
    public async Task Explorer_AConsumersIdentities_AreAddedUpInTheChartTheTableAndTheCsv()
    {
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);
        var (first, second) = (ApiCalls.Code("gw"), ApiCalls.Code("gw"));
        var code = ApiCalls.Code("c");
        var consumerId = (await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/consumers", new { code, name = "Explored", identities = new[] { first, second } }))
            .Body.GetProperty("id").GetGuid();
        // Two days in October: three events of the first identity on the 2nd (tokens 1 + 2 + 3), one of the second on the 4th (tokens 10).
        await SendAsync(
            Event(first, "2026-10-02T01:00:00Z", 1, "eu"), Event(first, "2026-10-02T02:00:00Z", 2, "us"), Event(first, "2026-10-02T03:00:00Z", 3, "eu"),
            Event(second, "2026-10-04T12:00:00Z", 10, "eu"));
        using var browser = await ConsumerPagesTests.SignedInAsync(factory, Roles.Analyst);
        var query = $"consumer={consumerId}&from=2026-10-01&to=2026-10-06&step=day&groupBy=region&measure=tokens";

        var page = await StudioForms.PageAsync(browser, $"/usage?{query}");
        var byCode = await StudioForms.PageAsync(browser, $"/usage?consumer={code}&from=2026-10-01&to=2026-10-06&step=day");

        Assert.Equal("4 events", page.Text("usage-total"));
        Assert.Equal("4 events", byCode.Text("usage-total"));
        Assert.Equal(code, page.QuerySelector("#consumer")?.GetAttribute("value"));
        var chart = JsonDocument.Parse(page.QuerySelector("#usage-chart-data")!.TextContent).RootElement;
        Assert.Equal(["2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05"], chart.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal([0m, 6m, 0m, 10m, 0m], chart.GetProperty("datasets")[0].GetProperty("data").EnumerateArray().Select(d => d.GetDecimal()));
        var rows = page.QuerySelectorAll("[data-testid=usage-table] tbody tr").Select(r => string.Join(" ", r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()))).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Contains(rows, r => r.StartsWith($"{first}", StringComparison.Ordinal) && r.EndsWith("eu 2 4", StringComparison.Ordinal));

        var csvLink = page.QuerySelector("[data-testid=usage-csv]")!.GetAttribute("href")!;
        var csv = (await browser.GetStringAsync("/" + csvLink)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("identity,consumer,region,events,tokens", csv[0]);
        Assert.Equal(3, csv.Length - 1);
        Assert.Equal(16m, csv.Skip(1).Sum(line => decimal.Parse(line.Split(',')[^1], CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("from=2026-10-05&to=2026-10-01", "error-to", "must be after 'from'")]
    [InlineData("from=yesterday&to=2026-10-01", "error-from", "ISO 8601")]
    [InlineData("from=2026-01-01&to=2026-12-31&step=hour", "error-step", "steps are too many")]
    [InlineData("from=2026-01-01&to=2026-01-31&step=week", "error-step", "'week' is not a step")]
    [InlineData("consumer=nobody-at-all&from=2026-10-01&to=2026-10-06", "error-consumer", "No consumer has the code 'nobody-at-all'.")]
    public async Task Explorer_BadFilter_SaysWhatIsWrongNextToTheField(string query, string error, string message)
    {
        using var browser = await ConsumerPagesTests.SignedInAsync(factory, Roles.Analyst);

        var page = await StudioForms.PageAsync(browser, $"/usage?{query}");

        Assert.Contains(message, page.Text(error), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("[data-testid=usage-table]"));
        // The export has no steps; a bad range is refused there too.
        using var csv = await browser.GetAsync($"/api/v1/usage/explore.csv?{query}");
        Assert.Equal(error == "error-step" ? HttpStatusCode.OK : HttpStatusCode.BadRequest, csv.StatusCode);
    }

    [Fact]
    public async Task Dashboard_IngestHealth_CountsAcceptedRefusedAndResentEventsOfTheLastHour()
    {
        using var browser = await ConsumerPagesTests.SignedInAsync(factory, Roles.Analyst);
        var before = await StudioForms.PageAsync(browser, "/");
        var now = factory.Services.GetRequiredService<TimeProvider>().GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        var identity = ApiCalls.Code("unmapped");

        var good = Event(identity, now, 1, "eu");
        await SendAsync(good, Event(identity, now, 2, "eu"), """{"id": "broken", "consumer": "x"}""");
        await SendAsync(good);

        var after = await StudioForms.PageAsync(browser, "/");
        Assert.Equal(2, Count(after, "ingest-accepted") - Count(before, "ingest-accepted"));
        Assert.Equal(1, Count(after, "ingest-rejected") - Count(before, "ingest-rejected"));
        Assert.Contains("1 resent", after.QuerySelector("[data-testid=ingest-health]")?.TextContent, StringComparison.Ordinal);
        Assert.True(Count(after, "unmapped-count") >= 1);
        var usage = JsonDocument.Parse(after.QuerySelector("#usage-chart")!.TextContent).RootElement;
        Assert.Equal(30, usage.GetProperty("labels").GetArrayLength());
    }

    private static long Count(AngleSharp.Dom.IDocument page, string testId) => long.Parse(page.Text(testId)!, CultureInfo.InvariantCulture);

    private static string Event(string identity, string at, int tokens, string region) => JsonSerializer.Serialize(new
    {
        id = Guid.NewGuid().ToString("N"), timestamp = at, consumer = identity, source = "pages",
        measures = new Dictionary<string, int> { ["tokens"] = tokens }, dimensions = new Dictionary<string, string> { ["region"] = region },
    });

    private async Task SendAsync(params string[] lines)
    {
        using var client = ApiCalls.ClientWithKey(factory, await factory.CreateDemoApiKeyAsync(Roles.Operator, [ApiKeyScopes.Ingest]));
        using var response = await client.PostAsync("/api/v1/events", new StringContent(string.Join("\n", lines), Encoding.UTF8, "application/x-ndjson"));
        Assert.True(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.UnprocessableEntity, await response.Content.ReadAsStringAsync());
    }
}
