using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Tariff.Engine.Usage;
using Tariff.Platform.Accounts;
using Tariff.Platform.Catalog;
using Tariff.Platform.Usage;
using Tariff.Studio.Tests.Api;

namespace Tariff.Studio.Tests.Pages;

/// <summary>The consumer pages over the real pipeline and PostgreSQL: create, map identities, subscribe, with errors next to the fields.</summary>
public sealed class ConsumerPagesTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    private readonly DateTimeOffset now = factory.Services.GetRequiredService<TimeProvider>().GetUtcNow();

    [Fact]
    public async Task NewConsumer_BadFields_AreShownNextToEachAndAGoodOneOpensItsPage()
    {
        using var browser = await SignedInAsync(factory, Roles.Operator);
        var taken = ApiCalls.Code("gw");
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);
        await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/consumers", new { code = ApiCalls.Code("C"), name = "Holder", identities = new[] { taken } });

        var invalid = await StudioForms.SubmitAsync(browser, "/consumers", "[data-testid=consumer-form]",
            ("Input.Code", " "), ("Input.Name", "Acme"), ("Input.Email", "not-an-address"), ("Input.Identities", ""));
        Assert.NotNull(invalid.Text("error-code"));
        Assert.Null(invalid.Text("error-name"));
        var badEmail = await StudioForms.SubmitAsync(browser, "/consumers", "[data-testid=consumer-form]",
            ("Input.Code", ApiCalls.Code("C")), ("Input.Name", "Acme"), ("Input.Email", "not-an-address"), ("Input.Identities", ""));
        Assert.Equal("'not-an-address' is not an e-mail address.", badEmail.Text("error-email"));
        var clash = await StudioForms.SubmitAsync(browser, "/consumers", "[data-testid=consumer-form]",
            ("Input.Code", ApiCalls.Code("C")), ("Input.Name", "Acme"), ("Input.Email", ""), ("Input.Identities", $"fresh-one, {taken}"));
        Assert.Contains($"[1] '{taken}' is already mapped to consumer", clash.Text("error-identities"), StringComparison.Ordinal);

        var code = ApiCalls.Code("C");
        using var created = await StudioForms.PostAsync(browser, "/consumers", "[data-testid=consumer-form]",
            [new("Input.Code", code), new("Input.Name", "Acme Corp"), new("Input.Email", "ap@acme.test"), new("Input.Identities", "acme-1\nacme-2")]);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = await StudioForms.PageAsync(browser, created.Headers.Location!.AbsolutePath);
        Assert.Equal("Acme Corp", page.Text("consumer-title"));
        Assert.Equal(["acme-1", "acme-2"], page.QuerySelectorAll("[data-testid=identity-list] .font-monospace").Select(e => e.TextContent));
    }

    [Fact]
    public async Task UnmappedIdentity_MappedFromTheList_LeavesTheListAndJoinsTheConsumer()
    {
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);
        var code = ApiCalls.Code("C");
        var consumerId = (await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/consumers", new { code, name = "Mapper" })).Body.GetProperty("id").GetGuid();
        var stranger = ApiCalls.Code("stranger");
        var tenant = (await ApiCalls.SendAsync(admin, HttpMethod.Get, "/api/v1/me", null)).Body.GetProperty("tenantId").GetGuid();
        await factory.Services.GetRequiredService<IUsageStore>().AppendAsync(tenant,
            [new IncomingEvent(new UsageEvent(Guid.NewGuid().ToString("N"), now.AddHours(-2), stranger), Late: false)], now);
        using var browser = await SignedInAsync(factory, Roles.Operator);

        var before = await StudioForms.PageAsync(browser, "/consumers");
        Assert.Contains(stranger, before.Text("unmapped-table"), StringComparison.Ordinal);

        var unknown = await StudioForms.SubmitAsync(browser, "/consumers", $"[data-testid=unmapped-table] form:has(input[value='{stranger}'])",
            ("Map.Identity", stranger), ("Map.ConsumerCode", "nobody-has-this"));
        var after = await StudioForms.SubmitAsync(browser, "/consumers", $"[data-testid=unmapped-table] form:has(input[value='{stranger}'])",
            ("Map.Identity", stranger), ("Map.ConsumerCode", code));
        Assert.Equal("No consumer has the code 'nobody-has-this'.", unknown.Text("error-identities"));
        Assert.Contains(stranger, unknown.Text("unmapped-table"), StringComparison.Ordinal);
        Assert.StartsWith($"'{stranger}' now belongs to", after.Text("consumer-message"), StringComparison.Ordinal);
        Assert.DoesNotContain(stranger, after.Text("unmapped-table"), StringComparison.Ordinal);
        var consumer = await ApiCalls.SendAsync(admin, HttpMethod.Get, $"/api/v1/consumers/{consumerId}", null);
        Assert.Equal(stranger, consumer.Body.GetProperty("identities")[0].GetString());
    }

    [Fact]
    public async Task List_SearchesAndPagesInTheDatabase_KeepingTheSearchAcrossPagesAndSorts()
    {
        var prefix = ApiCalls.Code("many");
        using (var admin = await ApiCalls.ClientAsync(factory, Roles.Admin))
        {
            var tenant = (await ApiCalls.SendAsync(admin, HttpMethod.Get, "/api/v1/me", null)).Body.GetProperty("tenantId").GetGuid();
            var consumers = factory.Services.GetRequiredService<ConsumerService>();
            for (var i = 1; i <= 26; i++)
            {
                await consumers.CreateAsync(tenant, $"{prefix}-{i:00}", $"Many {i:00}", null, null);
            }
        }

        using var browser = await SignedInAsync(factory, Roles.Analyst);

        var first = await StudioForms.PageAsync(browser, $"/consumers?q={prefix}");
        var second = await StudioForms.PageAsync(browser, $"/consumers?q={prefix}&page=2");
        var newest = await StudioForms.PageAsync(browser, $"/consumers?q={prefix}&sort=created");
        var none = await StudioForms.PageAsync(browser, "/consumers?q=no-such-consumer-anywhere");

        Assert.Equal(25, first.QuerySelectorAll("[data-testid=consumer-table] tbody tr").Length);
        Assert.Contains("Page 1 of 2 · 26 rows", first.Text("pager"), StringComparison.Ordinal);
        Assert.Equal($"/consumers?q={prefix}&page=2", first.QuerySelector("[data-testid=pager] a[rel=next]")?.GetAttribute("href")?.Replace("http://localhost", "", StringComparison.Ordinal));
        Assert.Equal(prefix, first.QuerySelector("[data-testid=consumer-search] input[name=q]")?.GetAttribute("value"));
        Assert.Equal([$"{prefix}-26"], second.QuerySelectorAll("[data-testid=consumer-table] tbody tr td:first-child").Select(c => c.TextContent.Trim()));
        Assert.Equal($"{prefix}-26", newest.QuerySelector("[data-testid=consumer-table] tbody tr td:first-child")?.TextContent.Trim());
        Assert.Equal("No consumer matches 'no-such-consumer-anywhere'.", none.Text("consumer-table")?.Split('\n')[^1].Trim());
    }

    [Fact]
    public async Task Picker_SuggestsOnlyThisTenantsMatches_AtMostTwenty_AndNotTheCodesAlreadyTyped()
    {
        var prefix = ApiCalls.Code("pk")[..10];
        using (var admin = await ApiCalls.ClientAsync(factory, Roles.Admin))
        {
            var tenant = (await ApiCalls.SendAsync(admin, HttpMethod.Get, "/api/v1/me", null)).Body.GetProperty("tenantId").GetGuid();
            var consumers = factory.Services.GetRequiredService<ConsumerService>();
            for (var i = 1; i <= 22; i++)
            {
                await consumers.CreateAsync(tenant, $"{prefix}-{i:00}", $"Picked {i:00}", null, null);
            }
        }

        using (var stranger = ApiCalls.ClientWithKey(factory, await ApiCalls.OtherTenantKeyAsync(factory)))
        {
            await ApiCalls.SendAsync(stranger, HttpMethod.Post, "/api/v1/consumers", new { code = $"{prefix}-99", name = "Picked 99" });
        }

        using var browser = await SignedInAsync(factory, Roles.Analyst);
        var one = await StudioForms.PageAsync(browser, $"/fragments/consumer-options?field=consumer&consumer={prefix}");
        var several = await StudioForms.PageAsync(browser,
            $"/fragments/consumer-options?field=Input.ConsumerCodes&multiple=true&Input.ConsumerCodes={Uri.EscapeDataString($"{prefix}-01,{prefix}-03 , picked 0")}");
        var strangers = await StudioForms.PageAsync(browser, $"/fragments/consumer-options?field=consumer&consumer={prefix}-9");

        var options = one.QuerySelectorAll("option");
        Assert.Equal([.. Enumerable.Range(1, 20).Select(i => $"{prefix}-{i:00}")], options.Select(o => o.GetAttribute("value")));
        Assert.Equal("Picked 01", options[0].TextContent);
        Assert.Equal([.. new[] { 2, 4, 5, 6, 7, 8, 9 }.Select(i => $"{prefix}-01, {prefix}-03, {prefix}-{i:00}")],
            several.QuerySelectorAll("option").Select(o => o.GetAttribute("value")));
        Assert.Empty(strangers.QuerySelectorAll("option"));
    }

    [Fact]
    public async Task Subscribe_BadTimeZoneAndVersion_AreFieldErrorsThenItSubscribesAndCancels()
    {
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);
        var plan = await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/plans", new
        {
            code = ApiCalls.Code("plan"), name = "Sub", text = "meter calls {\n    count\n}\n\nplan sub {\n    currency EUR\n    fee base 1.00 recurring\n}\n",
        });
        var planId = plan.Body.GetProperty("plan").GetProperty("id").GetGuid();
        await ApiCalls.SendAsync(admin, HttpMethod.Post, $"/api/v1/plans/{planId}/publish", new { comment = "v1" });
        var consumerId = (await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/consumers", new { code = ApiCalls.Code("C"), name = "Sub" })).Body.GetProperty("id").GetGuid();
        using var browser = await SignedInAsync(factory, Roles.Operator);
        var path = $"/consumers/{consumerId}";

        var noPlan = await StudioForms.SubmitAsync(browser, path, "[data-testid=subscription-form]", ("NewSubscription.Version", "two"));
        Assert.Equal("Choose a published plan.", noPlan.Text("error-planId"));
        Assert.Equal("'two' is not a version number; leave it empty for the latest.", noPlan.Text("error-version"));
        var badZone = await StudioForms.SubmitAsync(browser, path, "[data-testid=subscription-form]",
            ("NewSubscription.PlanId", planId.ToString()), ("NewSubscription.TimeZone", "Mars/Olympus"));
        Assert.Equal("'Mars/Olympus' is not a known IANA time zone (such as Europe/Berlin or America/New_York).", badZone.Text("error-timeZone"));
        var noVersion = await StudioForms.SubmitAsync(browser, path, "[data-testid=subscription-form]",
            ("NewSubscription.PlanId", planId.ToString()), ("NewSubscription.Version", "7"), ("NewSubscription.TimeZone", "UTC"));
        Assert.Contains("has versions 1 to 1, not 7", noVersion.Text("error-version"), StringComparison.Ordinal);

        var subscribed = await StudioForms.SubmitAsync(browser, path, "[data-testid=subscription-form]",
            ("NewSubscription.PlanId", planId.ToString()), ("NewSubscription.StartsAt", "2026-01-01T00:00"), ("NewSubscription.TimeZone", "Europe/Berlin"));
        Assert.Equal("Subscribed to v1 from 2026-01-01 00:00 UTC.", subscribed.Text("consumer-message"));
        Assert.Contains("Europe/Berlin", subscribed.Text("subscription-table"), StringComparison.Ordinal);

        var subscriptionId = (await ApiCalls.SendAsync(admin, HttpMethod.Get, $"/api/v1/subscriptions?consumerId={consumerId}", null)).Body[0].GetProperty("id").GetString();
        var canceled = await StudioForms.SubmitAsync(browser, path, "form:has(button[name=CancelId])", ("CancelId", subscriptionId!));
        Assert.StartsWith("Subscription canceled from", canceled.Text("consumer-message"), StringComparison.Ordinal);
        Assert.Contains("canceled", canceled.Text("subscription-table"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsumerPages_Analyst_ReadsButHasNoForms()
    {
        using var admin = await ApiCalls.ClientAsync(factory, Roles.Admin);
        var consumerId = (await ApiCalls.SendAsync(admin, HttpMethod.Post, "/api/v1/consumers", new { code = ApiCalls.Code("C"), name = "Read" })).Body.GetProperty("id").GetGuid();
        using var analyst = await SignedInAsync(factory, Roles.Analyst);

        var list = await StudioForms.PageAsync(analyst, "/consumers");
        var detail = await StudioForms.PageAsync(analyst, $"/consumers/{consumerId}");

        Assert.Null(list.QuerySelector("[data-testid=consumer-form]"));
        Assert.Equal("Read", detail.Text("consumer-title"));
        Assert.Null(detail.QuerySelector("[data-testid=subscription-form]"));
        Assert.Empty(detail.QuerySelectorAll("main form[method=post] button[type=submit]"));
    }

    internal static async Task<HttpClient> SignedInAsync(StudioFactory factory, string role)
    {
        var browser = factory.CreateBrowserLikeClient();
        using var signIn = await StudioFactory.SignInAsync(browser, await factory.CreateDemoUserAsync(role), StudioFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return browser;
    }
}
