using Microsoft.Extensions.DependencyInjection;
using Tariff.Engine.Usage;
using Tariff.Platform.Alerts;
using Tariff.Platform.Catalog;
using Tariff.Platform.Metering;
using Tariff.Platform.Tests.Billing;
using Tariff.Platform.Tests.Metering;
using static Tariff.Platform.Tests.Billing.BillingWorld;

namespace Tariff.Platform.Tests.Alerts;

/// <summary>A plan's spend alerts, raised from the counters as usage is ingested, once per period and amount.</summary>
public sealed class SpendAlertTests : IAsyncLifetime
{
    private const string Plan = """
        meter calls {
            count
        }

        plan metered {
            currency USD
            charge calls { per unit 0.50 }
            alerts at 10, 25.50 USD
        }
        """;

    private BillingWorld world = null!;
    private Consumer consumer = null!;
    private int sent;

    public async Task InitializeAsync()
    {
        world = await BillingWorld.CreateAsync("spend_alerts");
        var plan = await world.PublishPlanAsync("metered", Plan);
        world.Clock.MoveTo(At(2027, 3, 1));
        (consumer, _) = await world.SubscribeAsync("hooli", plan, At(2027, 3, 1));
    }

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task ChargesReachingEachAmount_FireOncePerPeriod_WithTheAmountSpent()
    {
        world.Clock.MoveTo(At(2027, 3, 20));
        Assert.Equal(0, await CallAsync(19, At(2027, 3, 19)));
        Assert.Equal(1, await CallAsync(1, At(2027, 3, 19)));
        Assert.Equal(1, await CallAsync(30, At(2027, 3, 19)));
        Assert.Equal(2, await CallAsync(1, At(2027, 3, 19)));
        Assert.Equal(2, await CallAsync(10, At(2027, 3, 19)));
        world.Clock.MoveTo(At(2027, 4, 2));
        Assert.Equal(4, await CallAsync(60, At(2027, 4, 1, 12)));

        var fired = (await world.Services.GetRequiredService<AlertStore>().ListAsync(world.Tenant, consumer.Id, false, 10))
            .OrderBy(a => a.PeriodStart).ThenBy(a => a.Threshold).ToList();
        Assert.Equal(
            [("2027-03", 10m, 10.00m), ("2027-03", 25.50m, 25.50m), ("2027-04", 10m, 30.00m), ("2027-04", 25.50m, 30.00m)],
            fired.Select(a => (a.PeriodStart.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), a.Threshold, a.Observed)));
        Assert.All(fired, a => Assert.Equal((Alert.SpendKind, "USD"), (a.Kind, a.Subject)));
        Assert.Equal("hooli: charges reached 10 USD (10.00 USD so far, before tax) in the period from 2027-03-01 00:00 UTC to 2027-04-01 00:00 UTC.",
            fired[0].Message);
    }

    // Sends calls through ingest, runs one metering pass, and counts the consumer's alerts.
    private async Task<int> CallAsync(int calls, DateTimeOffset at)
    {
        await world.SendAsync([.. Enumerable.Range(0, calls).Select(_ => new UsageEvent($"call-{++sent}", at, "gw-hooli", "kong"))]);
        await world.Services.GetRequiredService<MeteringWorker>().RunOnceAsync();
        return (await world.Services.GetRequiredService<AlertStore>().ListAsync(world.Tenant, consumer.Id, false, 10)).Count;
    }
}
