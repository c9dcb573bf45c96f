using Microsoft.Extensions.DependencyInjection;
using Tariff.Engine.Usage;
using Tariff.Platform.Alerts;
using Tariff.Platform.Catalog;
using Tariff.Platform.Metering;
using Tariff.Platform.Tests.Billing;
using Tariff.Platform.Tests.Metering;
using static Tariff.Platform.Tests.Billing.BillingWorld;

namespace Tariff.Platform.Tests.Alerts;

public sealed class AlertTests : IAsyncLifetime
{
    private SmtpSink smtp = null!;
    private BillingWorld world = null!;
    private Consumer consumer = null!;
    private int sent;

    public async Task InitializeAsync()
    {
        smtp = SmtpSink.Start();
        world = await BillingWorld.CreateAsync("alerts", services => services.AddSingleton(new SmtpOptions { Host = "127.0.0.1", Port = smtp.Port }));
        var plan = await world.PublishPlanAsync("pro", MeteringWorld.Plan);
        world.Clock.MoveTo(At(2027, 3, 1));
        consumer = await world.Services.GetRequiredService<ConsumerService>().CreateAsync(world.Tenant, "initech", "Initech", "ops@initech.example", ["gw-initech"]);
        await world.Services.GetRequiredService<SubscriptionService>().CreateAsync(world.Tenant, consumer.Id, plan, null, At(2027, 3, 1), null, "UTC");
        world.Clock.MoveTo(At(2027, 3, 20));
    }

    public async Task DisposeAsync()
    {
        await world.DisposeAsync();
        await smtp.DisposeAsync();
    }

    private AlertStore Alerts => world.Services.GetRequiredService<AlertStore>();

    [Fact]
    public async Task QuotaThresholds_CrossedOverTwoMonths_EachFiresOncePerPeriodAndThreshold()
    {
        await CallAsync(85, At(2027, 3, 19));
        await PassAsync();
        await CallAsync(10, At(2027, 3, 19));
        await PassAsync();
        await PassAsync();

        world.Clock.MoveTo(At(2027, 4, 10));
        await CallAsync(100, At(2027, 4, 9));
        await PassAsync();

        var fired = (await Alerts.ListAsync(world.Tenant, consumer.Id, false, 100)).OrderBy(a => a.PeriodStart).ThenBy(a => a.Threshold).ToList();
        Assert.Equal(
            [("2027-03", 80m, 85m), ("2027-03", 90m, 95m), ("2027-04", 80m, 100m), ("2027-04", 90m, 100m), ("2027-04", 100m, 100m)],
            fired.Select(a => (a.PeriodStart.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), a.Threshold, a.Observed)));
        Assert.Equal("initech: calls reached 80% of its hard quota (85 of 100, 85%) in the period from 2027-03-01 00:00 UTC to 2027-04-01 00:00 UTC.",
            fired[0].Message);
    }

    [Fact]
    public async Task QuotaThreshold_NoticedByTwoInstancesAtOnce_FiresOnce()
    {
        var second = world.AddInstance();
        ((Tariff.Testing.FakeTimeProvider)second.GetRequiredService<TimeProvider>()).MoveTo(world.Clock.GetUtcNow());
        await CallAsync(50, At(2027, 3, 19));
        await CallAsync(40, At(2027, 3, 19), second.GetRequiredService<Tariff.Platform.Ingest.IngestService>());

        await Task.WhenAll(PassAsync(), second.GetRequiredService<MeteringWorker>().RunOnceAsync());

        Assert.Equal([80m, 90m], (await Alerts.ListAsync(world.Tenant, null, false, 100)).Select(a => a.Threshold).Order());
    }

    [Fact]
    public async Task Webhook_FailingOnce_IsRetriedAfterTheBackoffWithTheSameDeliveryIdAndAValidSignature()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failures: 1);
        var (_, secret) = await world.Services.GetRequiredService<WebhookEndpointService>().CreateAsync(world.Tenant, receiver.Url, "ops");

        await CallAsync(80, At(2027, 3, 19));
        await PassAsync();
        var alert = (await Alerts.ListAsync(world.Tenant, null, false, 10)).Single();
        var afterFailure = (await Alerts.DeliveriesAsync(world.Tenant, alert.Id)).Single(d => d.Channel == "webhook");
        await PassAsync();
        world.Clock.Advance(AlertDispatcher.Backoff(1));
        await PassAsync();

        Assert.Equal(("pending", 1, "the endpoint answered 503 Service Unavailable"), (afterFailure.Status, afterFailure.Attempts, afterFailure.LastError));
        Assert.Equal(world.Clock.GetUtcNow(), afterFailure.NextAttemptAt);
        var received = receiver.Received.ToList();
        Assert.Equal([503, 204], received.Select(r => r.Answered));
        Assert.Equal(received[0].Delivery, received[1].Delivery);
        Assert.All(received, r => Assert.True(WebhookSignature.Verify(secret, r.Signature, r.Body, world.Clock.GetUtcNow(), TimeSpan.FromMinutes(5))));
        Assert.False(WebhookSignature.Verify(secret, received[1].Signature, received[1].Body + " ", world.Clock.GetUtcNow(), TimeSpan.FromMinutes(5)));
        Assert.Contains("\"kind\":\"quota\"", received[1].Body, StringComparison.Ordinal);
        var delivered = (await Alerts.DeliveriesAsync(world.Tenant, alert.Id)).Single(d => d.Channel == "webhook");
        Assert.Equal(("delivered", 2), (delivered.Status, delivered.Attempts));
    }

    [Fact]
    public async Task Email_WithSmtpConfigured_IsSentToTheConsumer()
    {
        await CallAsync(90, At(2027, 3, 19));
        await PassAsync();

        var message = Assert.Single(smtp.Messages, m => m.Data.Contains("reached 90%", StringComparison.Ordinal));
        Assert.Equal(["<ops@initech.example>"], message.To);
        Assert.Contains("calls reached 90% of its hard quota", message.Data, StringComparison.Ordinal);
        Assert.Equal(2, smtp.Messages.Count);
    }

    [Fact]
    public async Task MarkRead_ThenUnread_ChangesOnlyThatAlertAndAnotherTenantCannotTouchIt()
    {
        await CallAsync(90, At(2027, 3, 19));
        await PassAsync();
        var alerts = await Alerts.ListAsync(world.Tenant, consumer.Id, true, 10);

        var read = await Alerts.MarkAsync(world.Tenant, alerts[0].Id, read: true);
        var unread = await Alerts.ListAsync(world.Tenant, consumer.Id, true, 10);
        await using var scope = world.Services.CreateAsyncScope();
        var other = await scope.ServiceProvider.GetRequiredService<Tariff.Platform.Accounts.AccountService>().CreateTenantAsync("globex", "Globex");

        Assert.Equal(2, alerts.Count);
        Assert.Equal(world.Clock.GetUtcNow(), read!.ReadAt);
        Assert.Equal([alerts[1].Id], unread.Select(a => a.Id));
        Assert.Equal((2, 1, 0), (await Alerts.CountAsync(world.Tenant, consumer.Id, false), await Alerts.CountAsync(world.Tenant, consumer.Id, true),
            await Alerts.CountAsync(other.Id, null, false)));
        Assert.Equal([alerts[1].Id], (await Alerts.PageAsync(world.Tenant, consumer.Id, false, 1, 5)).Select(a => a.Id));
        Assert.Null(await Alerts.MarkAsync(other.Id, alerts[1].Id, read: true));
        Assert.Empty(await Alerts.ListAsync(other.Id, null, false, 10));
        Assert.Null((await Alerts.MarkAsync(world.Tenant, alerts[0].Id, read: false))!.ReadAt);
    }

    private async Task CallAsync(int calls, DateTimeOffset at, Tariff.Platform.Ingest.IngestService? through = null) =>
        await world.SendAsync([.. Enumerable.Range(0, calls).Select(_ => new UsageEvent($"call-{Interlocked.Increment(ref sent)}", at, "gw-initech", "kong", Status: 200))],
            through);

    private Task PassAsync() => world.Services.GetRequiredService<MeteringWorker>().RunOnceAsync();
}
