using System.Collections.Specialized;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;
using Quartz.Impl;
using Tariff.Engine.Binding;
using Tariff.Platform.Billing;
using Tariff.Platform.Database;

namespace Tariff.Platform.Scheduling;

/// <summary>
/// Quartz.NET with its ADO.NET job store in Tariff's PostgreSQL, clustered: every studio instance runs one, they
/// share the triggers, and each firing is taken by exactly one of them (and stays with the cluster if that one dies
/// mid-run: jobs request recovery). One job and one cron trigger per published schedule, keyed by tenant and schedule.
/// Quartz fires by the wall clock; what a firing bills is decided by its due instant, through <see cref="BillingRunner"/>.
/// </summary>
public sealed class BillingScheduler(TariffDatabaseSettings database, BillingOptions options, IServiceProvider services, ILogger<BillingScheduler> logger)
    : IHostedService, IAsyncDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private IScheduler? scheduler;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var quartz = await SchedulerAsync(cancellationToken);
        await quartz.Start(cancellationToken);
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Billing scheduler {Name} started as cluster node {Node}", options.SchedulerName, quartz.SchedulerInstanceId);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (scheduler is { IsShutdown: false })
        {
            await scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken);
        }
    }

    /// <summary>Fires <paramref name="schedule"/> on its cron expression from now on (replacing an earlier version's trigger), or stops it.</summary>
    public async Task SyncAsync(Guid tenantId, Guid scheduleId, BoundSchedule schedule, bool enabled, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var quartz = await SchedulerAsync(cancellationToken);
        var key = new JobKey(scheduleId.ToString(), tenantId.ToString());
        if (!enabled)
        {
            await quartz.DeleteJob(key, cancellationToken);
            return;
        }

        var job = JobBuilder.Create<BillingScheduleJob>()
            .WithIdentity(key)
            .UsingJobData(BillingScheduleJob.TenantKey, tenantId.ToString())
            .UsingJobData(BillingScheduleJob.ScheduleKey, scheduleId.ToString())
            .RequestRecovery()
            .StoreDurably()
            .Build();
        // A firing missed while every node was down runs once when one comes back, not once per missed occurrence.
        var trigger = TriggerBuilder.Create()
            .WithIdentity(scheduleId.ToString(), tenantId.ToString())
            .ForJob(key)
            .WithCronSchedule(schedule.Cron, cron => cron.InTimeZone(TimeZoneInfo.FindSystemTimeZoneById(schedule.TimeZone)).WithMisfireHandlingInstructionFireAndProceed())
            .Build();
        await quartz.ScheduleJob(job, [trigger], replace: true, cancellationToken);
    }

    /// <summary>When the schedule fires next, or null when it has no trigger.</summary>
    public async Task<DateTimeOffset?> NextFireAsync(Guid tenantId, Guid scheduleId, CancellationToken cancellationToken = default) =>
        (await (await SchedulerAsync(cancellationToken)).GetTrigger(new TriggerKey(scheduleId.ToString(), tenantId.ToString()), cancellationToken))?.GetNextFireTimeUtc();

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        gate.Dispose();
    }

    // Made on first use, started only by the host: publishing a schedule stores its trigger even where nothing fires (a CLI, a test).
    private async Task<IScheduler> SchedulerAsync(CancellationToken cancellationToken)
    {
        if (scheduler is not null)
        {
            return scheduler;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (scheduler is null)
            {
                var properties = new NameValueCollection
                {
                    ["quartz.scheduler.instanceName"] = options.SchedulerName,
                    ["quartz.scheduler.instanceId"] = "AUTO",
                    ["quartz.threadPool.maxConcurrency"] = "2",
                    ["quartz.jobStore.type"] = "Quartz.Impl.AdoJobStore.JobStoreTX, Quartz",
                    ["quartz.jobStore.driverDelegateType"] = "Quartz.Impl.AdoJobStore.PostgreSQLDelegate, Quartz",
                    ["quartz.jobStore.tablePrefix"] = "qrtz_",
                    ["quartz.jobStore.dataSource"] = "tariff",
                    ["quartz.jobStore.clustered"] = "true",
                    ["quartz.jobStore.clusterCheckinInterval"] = "5000",
                    ["quartz.jobStore.useProperties"] = "true",
                    ["quartz.dataSource.tariff.provider"] = "Npgsql",
                    ["quartz.dataSource.tariff.connectionString"] = database.ConnectionString,
                    ["quartz.serializer.type"] = typeof(QuartzJsonSerializer).AssemblyQualifiedName,
                };
                var created = await new StdSchedulerFactory(properties).GetScheduler(cancellationToken);
                created.JobFactory = new ServiceJobFactory(services);
                scheduler = created;
            }

            return scheduler;
        }
        finally
        {
            gate.Release();
        }
    }
}
