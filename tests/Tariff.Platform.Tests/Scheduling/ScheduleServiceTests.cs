using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tariff.Platform.Billing;
using Tariff.Platform.Catalog;
using Tariff.Platform.Scheduling;
using Tariff.Platform.Tests.Billing;
using static Tariff.Platform.Tests.Billing.BillingWorld;

namespace Tariff.Platform.Tests.Scheduling;

/// <summary>Schedules from text to Quartz's job store in PostgreSQL, and firings billed once each.</summary>
public sealed class ScheduleServiceTests : IAsyncLifetime
{
    private const string PlanText = """
        meter calls {
            count
        }

        plan metered {
            currency USD
            charge calls {
                per unit 0.50
            }
        }
        """;

    private BillingWorld world = null!;

    private ScheduleService Schedules => world.Services.GetRequiredService<ScheduleService>();

    public async Task InitializeAsync() => world = await BillingWorld.CreateAsync("schedules", services =>
        services.AddSingleton(new BillingOptions { SchedulerName = $"tariff-test-{Guid.NewGuid():N}" }));

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task Publish_ACronQuartzRefusesAndAnUnknownPlan_AreDiagnosticsAtTheirPlaces()
    {
        await world.PublishPlanAsync("metered", PlanText);
        var (schedule, draftDiagnostics) = await Schedules.CreateAsync(world.Tenant, "month-end", """
            schedule month_end {
                cron "0 0 6 32 * ?"
                plans "metered", "platinum"
            }
            """, "olga");

        var refused = await Assert.ThrowsAsync<CatalogValidationException>(() => Schedules.PublishAsync(world.Tenant, schedule.Id, null, "typed", "olga"));

        Assert.Equal(["TRF0114", "TRF0114"], refused.Diagnostics.Select(d => d.Id));
        Assert.Equal([(2, 9), (3, 21)], refused.Diagnostics.Select(d => (d.Span.Start.Line, d.Span.Start.Column)));
        Assert.Equal("no plan with the code `platinum` in this tenant", refused.Diagnostics[1].Message);
        Assert.Equal(refused.Diagnostics.Select(d => d.Message), draftDiagnostics.Select(d => d.Message));
        Assert.Empty(await Schedules.VersionsAsync(world.Tenant, schedule.Id));
    }

    [Fact]
    public async Task Rollback_PublishesTheOldTextAgain_AndTheScheduleFiresOnIt()
    {
        var scheduler = world.Services.GetRequiredService<BillingScheduler>();
        var (schedule, _) = await Schedules.CreateAsync(world.Tenant, "nightly", "schedule nightly {\n    cron \"0 0 2 * * ?\"\n}\n", "olga");
        await Schedules.PublishAsync(world.Tenant, schedule.Id, "at two", "typed", "olga");
        var atTwo = await scheduler.NextFireAsync(world.Tenant, schedule.Id);
        await Schedules.UpdateDraftAsync(world.Tenant, schedule.Id, "schedule nightly {\n    cron \"0 0 5 * * ?\"\n}\n", "olga");
        await Schedules.PublishAsync(world.Tenant, schedule.Id, "at five", "typed", "olga");
        var atFive = await scheduler.NextFireAsync(world.Tenant, schedule.Id);

        var restored = await Schedules.RollbackAsync(world.Tenant, schedule.Id, 1, "ivan");

        Assert.Equal((3, "rollback", "Rollback to version 1", "ivan"), (restored!.Version, restored.Origin, restored.Comment, restored.PublishedBy));
        Assert.Equal((await Schedules.FindVersionAsync(world.Tenant, schedule.Id, 1))!.Text, restored.Text);
        Assert.Equal((2, 5), (atTwo!.Value.Hour, atFive!.Value.Hour));
        Assert.Equal(atTwo, await scheduler.NextFireAsync(world.Tenant, schedule.Id));
        Assert.Null(await Schedules.RollbackAsync(world.Tenant, schedule.Id, 9, "ivan"));
        Assert.Equal([1, 2, 3], (await Schedules.VersionsAsync(world.Tenant, schedule.Id)).Select(v => v.Version));
    }

    [Fact]
    public async Task Firing_RunTwiceForOneDueInstant_BillsOnce()
    {
        var plan = await world.PublishPlanAsync("metered", PlanText);
        await world.SubscribeAsync("c1", plan, At(2027, 1, 1));
        await world.UseAsync("c1", 6, At(2027, 1, 3), TimeSpan.FromHours(1));
        var (schedule, _) = await Schedules.CreateAsync(world.Tenant, "month-end", """
            schedule month_end {
                cron "0 0 6 5 * ?"
                plans "metered"
            }
            """, "olga");
        var version = await Schedules.PublishAsync(world.Tenant, schedule.Id, "monthly", "typed", "olga");
        world.Clock.MoveTo(At(2027, 2, 5, 6));

        var first = await Schedules.RunFiringAsync(world.Tenant, schedule.Id, At(2027, 2, 5, 6));
        var second = await Schedules.RunFiringAsync(world.Tenant, schedule.Id, At(2027, 2, 5, 6));

        Assert.Equal(1, version!.Version);
        Assert.Equal(("succeeded", "schedule", At(2027, 2, 5, 6)), (first!.Status, first.Trigger, first.AsOf));
        Assert.Equal("finalized", first.Results.Single().Action);
        Assert.Null(second);
        Assert.Equal(3.00m, (await world.Invoices.ListAsync(world.Tenant, new InvoiceQuery())).Single().Total);
        Assert.NotNull(await world.Services.GetRequiredService<BillingScheduler>().NextFireAsync(world.Tenant, schedule.Id));
    }

    [Fact]
    public async Task QuartzCluster_StartedWithASchedulePublished_FiresItFromTheJobStore()
    {
        var plan = await world.PublishPlanAsync("metered", PlanText);
        await world.SubscribeAsync("c1", plan, At(2026, 9, 1));
        var (schedule, _) = await Schedules.CreateAsync(world.Tenant, "every-second", """
            schedule every_second {
                cron "* * * * * ?"
                dry run
            }
            """, "olga");
        await Schedules.PublishAsync(world.Tenant, schedule.Id, null, "typed", "olga");
        var scheduler = world.Services.GetRequiredService<BillingScheduler>();

        await scheduler.StartAsync(CancellationToken.None);
        var fired = await WaitForScheduledRunAsync();
        await Schedules.SetEnabledAsync(world.Tenant, schedule.Id, enabled: false);
        var nextAfterPause = await scheduler.NextFireAsync(world.Tenant, schedule.Id);
        await scheduler.StopAsync(CancellationToken.None);

        Assert.True(fired.DryRun);
        Assert.Contains(fired.Results, r => r.Action == "would_create");
        Assert.Null(nextAfterPause);
        Assert.Empty(await world.Invoices.ListAsync(world.Tenant, new InvoiceQuery()));
    }

    // Quartz fires by the wall clock: wait (at most a minute) until a scheduled run has finished, woken by each run that finishes.
    private async Task<BillingRun> WaitForScheduledRunAsync()
    {
        var runs = world.Services.GetRequiredService<BillingRunStore>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        return await BillingRunNotifications.WaitAsync(world.Services.GetRequiredService<NpgsqlDataSource>(), async token =>
            (await runs.PageAsync(world.Tenant, 0, 10, token)).FirstOrDefault(r => r.Trigger == "schedule" && r.Status != "running") is { } finished
                ? await runs.FindAsync(world.Tenant, finished.Id, token)
                : null, deadline.Token);
    }
}
