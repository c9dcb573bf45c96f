namespace Tariff.Platform.Billing;

/// <summary>Billing settings (section <c>Tariff:Billing</c>).</summary>
public sealed class BillingOptions
{
    public const string Section = "Tariff:Billing";

    /// <summary>How long after its period an invoice stays a draft, so that late usage still lands on it.</summary>
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How far back finalized invoices are re-rated for late usage (the ingest deduplication window by default).</summary>
    public TimeSpan LateUsageWindow { get; set; } = TimeSpan.FromDays(35);

    /// <summary>
    /// The Quartz scheduler's name: every instance of one installation uses the same (that is what makes them one
    /// cluster). Tests that host several installations in one process give each its own.
    /// </summary>
    public string SchedulerName { get; set; } = "tariff";

    /// <summary>How often this process records that it is alive and looks for runs abandoned by others.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a process may go without a heartbeat before its running billing runs are marked failed.</summary>
    public TimeSpan AbandonedAfter { get; set; } = TimeSpan.FromMinutes(2);
}
