using Quartz;

namespace Tariff.Platform.Scheduling;

/// <summary>
/// One firing of a billing schedule. It bills as of the instant the firing was due (not when a node got to it), so a
/// late or recovered firing bills exactly what it would have on time.
/// </summary>
[DisallowConcurrentExecution]
public sealed class BillingScheduleJob(ScheduleService schedules) : IJob
{
    public const string TenantKey = "tenant";

    public const string ScheduleKey = "schedule";

    public async Task Execute(IJobExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tenant = Guid.Parse(context.MergedJobDataMap.GetString(TenantKey)!);
        var schedule = Guid.Parse(context.MergedJobDataMap.GetString(ScheduleKey)!);
        await schedules.RunFiringAsync(tenant, schedule, context.ScheduledFireTimeUtc ?? context.FireTimeUtc, context.CancellationToken);
    }
}
