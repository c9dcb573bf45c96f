using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tariff.Platform.Accounts;

namespace Tariff.Studio.Tests.Api;

/// <summary>The editor's services (check, format, examples, try it) over the real HTTP pipeline, PostgreSQL and the compiled engine.</summary>
public sealed class PricingApiTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    // JPY has no minor unit, so a total of 1.2 yen shows that lines are rounded as an invoice rounds them.
    private const string YenPlan = """
        meter calls {
            count
            where status < 500
        }

        plan yen {
            currency JPY
            charge calls {
                per unit 0.4
            }
            example "three calls" {
                usage calls = 3
                expect total = 1
            }
            example "wrong on purpose" {
                usage calls = 10
                expect total = 5
            }
        }
        """;

    [Fact]
    public async Task Check_Document_ListsEachDeclarationWithTheRangeOfItsName()
    {
        using var client = await ApiCalls.ClientAsync(factory, Roles.Analyst);

        var (status, body) = await ApiCalls.SendAsync(client, HttpMethod.Post, "/api/v1/pricing/check", new { text = YenPlan });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(
            [("calls", "meter", 1, 7, 1, 12), ("yen", "plan", 6, 6, 6, 9)],
            body.GetProperty("symbols").EnumerateArray().Select(s => (s.GetProperty("name").GetString(), s.GetProperty("kind").GetString(),
                s.GetProperty("startLineNumber").GetInt32(), s.GetProperty("startColumn").GetInt32(),
                s.GetProperty("endLineNumber").GetInt32(), s.GetProperty("endColumn").GetInt32())));
    }

    [Fact]
    public async Task Format_UntidyDocument_ReturnsTheCanonicalText()
    {
        using var client = await ApiCalls.ClientAsync(factory, Roles.Analyst);

        var (status, body) = await ApiCalls.SendAsync(client, HttpMethod.Post, "/api/v1/pricing/format",
            new { text = "# calls\nmeter calls {count}\nplan p { currency USD\n charge calls { per unit 0.01 } }" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("# calls\nmeter calls {\n    count\n}\n\nplan p {\n    currency USD\n    charge calls {\n        per unit 0.01\n    }\n}\n",
            body.GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("meter calls { count \nplan p {", "syntax errors")]
    [InlineData("meter calls {\n    # why we count\n    count\n}\n", "1 comment line(s) stand inside a declaration")]
    public async Task Format_WhatFormattingWouldLose_IsRefusedWithTheReason(string text, string reason)
    {
        using var client = await ApiCalls.ClientAsync(factory, Roles.Analyst);

        var (status, body) = await ApiCalls.SendAsync(client, HttpMethod.Post, "/api/v1/pricing/format", new { text });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("text").ValueKind);
        Assert.Contains(reason, body.GetProperty("refusal").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Examples_OnePassingOneFailing_ReportsEachWithItsLine()
    {
        using var client = await ApiCalls.ClientAsync(factory, Roles.Analyst);

        var (status, body) = await ApiCalls.SendAsync(client, HttpMethod.Post, "/api/v1/pricing/examples", new { text = YenPlan });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Collection(body.GetProperty("examples").EnumerateArray(),
            e => Assert.Equal(("three calls", true, "1", "1", 11), Outcome(e)),
            e => Assert.Equal(("wrong on purpose", false, "5", "4", 15), Outcome(e)));
    }

    [Fact]
    public async Task Rate_TypedUsage_GivesTheLinesAndTheTotalRoundedToTheCurrency()
    {
        using var client = await ApiCalls.ClientAsync(factory, Roles.Analyst);
        var usage = JsonDocument.Parse("""
            {"period": "2026-10-01..2026-11-01", "events": [
              {"id": "a", "timestamp": "2026-10-02T00:00:00Z", "consumer": "acme", "status": 200},
              {"id": "b", "timestamp": "2026-10-03T00:00:00Z", "consumer": "acme", "status": 201},
              {"id": "c", "timestamp": "2026-10-04T00:00:00Z", "consumer": "acme", "status": 404},
              {"id": "d", "timestamp": "2026-10-05T00:00:00Z", "consumer": "acme", "status": 503}
            ]}
            """).RootElement;

        var (status, body) = await ApiCalls.SendAsync(client, HttpMethod.Post, "/api/v1/pricing/rate", new { text = YenPlan, usage });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("yen", "JPY", 4, "1", 1.2m), (body.GetProperty("plan").GetString(), body.GetProperty("currency").GetString(),
            body.GetProperty("events").GetInt32(), body.GetProperty("total").GetString(), body.GetProperty("exactTotal").GetDecimal()));
        var line = Assert.Single(body.GetProperty("lines").EnumerateArray());
        Assert.Equal((3m, "1", 1.2m), (line.GetProperty("quantity").GetDecimal(), line.GetProperty("amount").GetString(), line.GetProperty("exactAmount").GetDecimal()));
    }

    [Fact]
    public async Task Rate_AConsumersStoredUsage_RatesTheEventsOfItsIdentitiesInTheRange()
    {
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);
        using var gateway = ApiCalls.ClientWithKey(factory, await factory.CreateDemoApiKeyAsync(Roles.Admin, [ApiKeyScopes.Ingest]));
        var identity = ApiCalls.Code("gw");
        var code = ApiCalls.Code("c");
        var consumer = await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/consumers", new { code, name = "Umbrella", identities = new[] { identity } });
        var to = factory.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var from = to.AddDays(-2);
        var events = new[] { (from.AddDays(-1), 200), (from.AddHours(1), 200), (from.AddHours(2), 200), (from.AddHours(3), 500) }
            .Select(e => $$"""{"id":"{{Guid.NewGuid():N}}","timestamp":"{{e.Item1:O}}","consumer":"{{identity}}","status":{{e.Item2}}}""");
        using var sent = await gateway.PostAsync("/api/v1/events", new StringContent($"[{string.Join(',', events)}]", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);

        var (status, body) = await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/pricing/rate",
            new { text = YenPlan, consumerId = consumer.Body.GetProperty("id").GetGuid(), from, to });

        Assert.Equal(HttpStatusCode.OK, status);
        // Three events fall in the range; the one before it is not read, and the 500 is filtered out by the meter.
        Assert.Equal((3, 2m), (body.GetProperty("events").GetInt32(), Assert.Single(body.GetProperty("lines").EnumerateArray()).GetProperty("quantity").GetDecimal()));
        var byCode = await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/pricing/rate", new { text = YenPlan, consumer = $" {code} ", from, to });
        Assert.Equal(body.GetRawText(), byCode.Body.GetRawText());
        var unknown = await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/pricing/rate", new { text = YenPlan, consumer = "nobody-here", from, to });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Equal("No consumer has the code 'nobody-here'.", unknown.Body.GetProperty("errors").GetProperty("consumer")[0].GetString());
    }

    [Theory]
    [InlineData("""{"text": "plan p { currency USD charge nope { per unit 1 } }", "usage": {"events": []}}""", "text", "fix them before rating")]
    [InlineData("""{"text": "meter m { count }\nplan a { currency USD }\nplan b { currency USD }", "usage": {"events": []}}""", "plan", "name the one to rate (a, b)")]
    [InlineData("""{"text": "meter m { count }\nplan a { currency USD }", "usage": {"events": [{"id": "x", "consumer": "c"}]}}""", "usage", "events[0].timestamp")]
    [InlineData("""{"text": "meter m { count }\nplan a { currency USD }", "usage": {"events": []}}""", "usage.period", "give the period")]
    [InlineData("""{"text": "meter m { count }\nplan a { currency USD }"}""", "usage", "Give the usage to rate")]
    [InlineData("""{"text": "meter m { count }\nplan a { currency USD }", "consumerId": "8a1f8fb4-6a43-4a8e-9a55-17f0b4bb3f21", "from": "2026-10-01T00:00:00Z", "to": "2026-11-01T00:00:00Z"}""", "consumerId", "no consumer")]
    [InlineData("""{"text": "meter m { count }\nplan a { currency USD }", "consumerId": "8a1f8fb4-6a43-4a8e-9a55-17f0b4bb3f21", "from": "2020-01-01T00:00:00Z", "to": "2026-01-01T00:00:00Z"}""", "to", "at most 400 days later")]
    public async Task Rate_BadRequest_IsAProblemNamingTheField(string request, string field, string message)
    {
        using var client = await ApiCalls.ClientAsync(factory, Roles.Analyst);

        using var response = await client.PostAsync("/api/v1/pricing/rate", new StringContent(request, Encoding.UTF8, "application/json"));
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rate_DocumentWithErrors_CarriesTheDiagnosticsWithTheirPositions()
    {
        using var client = await ApiCalls.ClientAsync(factory, Roles.Analyst);

        var (status, body) = await ApiCalls.SendAsync(client, HttpMethod.Post, "/api/v1/pricing/rate",
            new { text = "meter calls { count }\nplan p {\n    currency USD\n    charge calss { per unit 1 }\n}", usage = new { events = Array.Empty<object>() } });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var diagnostic = Assert.Single(body.GetProperty("diagnostics").EnumerateArray());
        Assert.Equal(("TRF0101", 4, 12), (diagnostic.GetProperty("id").GetString(), diagnostic.GetProperty("startLineNumber").GetInt32(),
            diagnostic.GetProperty("startColumn").GetInt32()));
    }

    [Fact]
    public async Task PricingEndpoints_ConsumerKey_AreForbidden()
    {
        using var client = await ApiCalls.ClientAsync(factory, Roles.Consumer);

        foreach (var path in new[] { "check", "format", "examples", "rate" })
        {
            var (status, _) = await ApiCalls.SendAsync(client, HttpMethod.Post, $"/api/v1/pricing/{path}", new { text = YenPlan });
            Assert.Equal(HttpStatusCode.Forbidden, status);
        }
    }

    private static (string?, bool, string?, string?, int) Outcome(JsonElement e) => (e.GetProperty("example").GetString(), e.GetProperty("passed").GetBoolean(),
        e.GetProperty("expected").GetString(), e.GetProperty("actual").GetString(), e.GetProperty("lineNumber").GetInt32());
}
