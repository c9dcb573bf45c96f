using Microsoft.Extensions.DependencyInjection;
using Tariff.Platform.Assistant;
using Tariff.Platform.Tests.Catalog;
using Tariff.Testing;

namespace Tariff.Platform.Tests.Assistant;

/// <summary>
/// What the assistant costs is recorded per exchange in the tokens the provider reported, and each tenant's use is
/// bounded per hour (requests) and per UTC day (tokens) before anything is sent. The clock is the platform's fake one.
/// </summary>
public sealed class AssistantLimitTests : IAsyncLifetime
{
    private PostgresTestDatabase database = null!;
    private FakeChatCompletions provider = null!;
    private ServiceProvider services = null!;
    private Guid tenant;
    private Guid otherTenant;

    private PricingAssistant Assistant => services.GetRequiredService<PricingAssistant>();

    private FakeTimeProvider Clock => (FakeTimeProvider)services.GetRequiredService<TimeProvider>();

    public async Task InitializeAsync()
    {
        database = await PostgresTestDatabase.CreateAsync("assistant_limits");
        provider = await FakeChatCompletions.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (services is not null)
        {
            await services.DisposeAsync();
        }

        await provider.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Exchange_RecordsTheTokensTheProviderReportedOverEveryAttempt()
    {
        await StartAsync(requestsPerHour: 0, tokensPerDay: 0);
        provider.Reply(Answered(CatalogServiceTests.PlanText.Replace("per unit 0.01", "per unti 0.01", StringComparison.Ordinal)));
        provider.Reply(Answered(CatalogServiceTests.PlanText));

        var exchange = await Assistant.ProposeAsync(tenant, new AssistantAsk("plan", "A starter plan."), "ana");

        Assert.Equal(2, exchange.Attempts);
        Assert.True(exchange.InputTokens > 0 && exchange.OutputTokens > 0);
        Assert.Equal(provider.ReportedTokens, exchange.InputTokens + exchange.OutputTokens);
        var stored = Assert.Single(await Assistant.ConversationAsync(tenant, exchange.ConversationId));
        Assert.Equal((exchange.InputTokens, exchange.OutputTokens), (stored.InputTokens, stored.OutputTokens));
        Assert.Equal(provider.ReportedTokens, (await Assistant.UsageAsync(tenant)).TokensToday);
    }

    [Fact]
    public async Task TenantOverItsRequestsOfTheHour_IsRefusedUntilTheOldestLeavesTheHour_OtherTenantsAreNot()
    {
        await StartAsync(requestsPerHour: 2, tokensPerDay: 0);
        Clock.MoveTo(new DateTimeOffset(2027, 3, 10, 12, 0, 0, TimeSpan.Zero));
        await AskAsync(tenant);
        Clock.Advance(TimeSpan.FromMinutes(20));
        await AskAsync(tenant);
        Clock.Advance(TimeSpan.FromMinutes(10));

        var refused = await Assert.ThrowsAsync<AssistantLimitException>(() => AskAsync(tenant));

        Assert.Equal(TimeSpan.FromMinutes(30), refused.RetryAfter);
        Assert.Equal("This tenant has asked the assistant 2 times in the last hour, its limit (Tariff:Assistant:RequestsPerHour); the next request is taken in 30 minute(s).",
            refused.Message);
        Assert.Equal(2, provider.Requests.Count);
        await AskAsync(otherTenant);
        Clock.Advance(TimeSpan.FromMinutes(30));
        await AskAsync(tenant);
        Assert.Equal(4, provider.Requests.Count);
    }

    [Fact]
    public async Task RequestInFlight_HoldsItsPlaceInTheHour_AndAFailedRequestGivesItsPlaceBack()
    {
        await StartAsync(requestsPerHour: 1, tokensPerDay: 0);
        provider.Fail(401, "Incorrect API key provided.", "invalid_api_key");
        await Assert.ThrowsAsync<AssistantUnavailableException>(() => Assistant.ProposeAsync(tenant, new AssistantAsk("plan", "A plan."), "ana"));
        Assert.Equal(0, (await Assistant.UsageAsync(tenant)).RequestsThisHour);

        var release = new TaskCompletionSource();
        var arrived = provider.ReplyWhen(release.Task, Answered(CatalogServiceTests.PlanText));
        var first = Assistant.ProposeAsync(tenant, new AssistantAsk("plan", "A starter plan."), "ana");
        await arrived;

        // The first request waits for its answer and holds the hour's only place: the second is refused before it is
        // sent. Checked without counting requests in flight, both would reach the provider.
        var refused = await Assert.ThrowsAsync<AssistantLimitException>(() => Assistant.ProposeAsync(tenant, new AssistantAsk("plan", "Another plan."), "ana"));
        Assert.StartsWith("This tenant has asked the assistant 1 times in the last hour", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, (await Assistant.UsageAsync(tenant)).RequestsThisHour);
        release.SetResult();
        await first;

        Assert.Equal(1, (await Assistant.UsageAsync(tenant)).RequestsThisHour);
        Assert.Equal(2, provider.Requests.Count);
        Assert.Empty(await database.QueryColumnAsync<Guid>("SELECT id FROM assistant_reservations"));
    }

    [Fact]
    public async Task TenantOverItsTokensOfTheDay_IsRefusedUntilMidnightUtc()
    {
        await StartAsync(requestsPerHour: 0, tokensPerDay: 1);
        Clock.MoveTo(new DateTimeOffset(2027, 3, 10, 18, 0, 0, TimeSpan.Zero));
        await AskAsync(tenant);

        var refused = await Assert.ThrowsAsync<AssistantLimitException>(() => AskAsync(tenant));

        Assert.Equal(TimeSpan.FromHours(6), refused.RetryAfter);
        Assert.StartsWith($"This tenant's assistant requests used {provider.ReportedTokens:N0} tokens today, its limit of 1 (Tariff:Assistant:TokensPerDay)",
            refused.Message, StringComparison.Ordinal);
        Assert.Single(provider.Requests);
        Clock.MoveTo(new DateTimeOffset(2027, 3, 11, 0, 0, 0, TimeSpan.Zero));
        await AskAsync(tenant);
    }

    [Fact]
    public void NegativeLimits_StopTheStudioAtStartNamingTheSetting()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => new AssistantOptions { RequestsPerHour = -1 }.Validate());

        Assert.Contains("Tariff:Assistant:RequestsPerHour", failure.Message, StringComparison.Ordinal);
    }

    private static string Answered(string text) => $"Here it is.\n\n```tariff\n{text.TrimEnd()}\n```\n";

    private async Task AskAsync(Guid tenantId)
    {
        provider.Reply(Answered(CatalogServiceTests.PlanText));
        await Assistant.ProposeAsync(tenantId, new AssistantAsk("plan", "A starter plan."), "ana");
    }

    private async Task StartAsync(int requestsPerHour, long tokensPerDay)
    {
        var settings = provider.ProviderSettings();
        settings["Tariff:Assistant:RequestsPerHour"] = requestsPerHour.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Tariff:Assistant:TokensPerDay"] = tokensPerDay.ToString(System.Globalization.CultureInfo.InvariantCulture);
        services = PlatformServices.Create(database.ConnectionString, settings);
        (tenant, otherTenant) = await PlatformServices.MigrateWithTwoTenantsAsync(services);
    }
}
