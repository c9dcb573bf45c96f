using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Quartz.Spi;

namespace Tariff.Platform.Scheduling;

/// <summary>Makes Quartz jobs with the application's services, so that jobs use the same clock, stores and runner.</summary>
internal sealed class ServiceJobFactory(IServiceProvider services) : IJobFactory
{
    public IJob NewJob(TriggerFiredBundle bundle, IScheduler scheduler) =>
        (IJob)ActivatorUtilities.CreateInstance(services, bundle.JobDetail.JobType);

    public void ReturnJob(IJob job) => (job as IDisposable)?.Dispose();
}
