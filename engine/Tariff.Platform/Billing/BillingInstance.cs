using Npgsql;
using Tariff.Platform.Database;

namespace Tariff.Platform.Billing;

/// <summary>
/// This process as the carrier of billing runs: it beats while it lives, and finds the runs of processes that
/// stopped beating (killed half way, or queued in a process that died) and marks them failed.
/// </summary>
public sealed class BillingInstance(NpgsqlDataSource dataSource, BillingOptions options, TimeProvider clock)
{
    /// <summary>This process's id, recorded on every run it starts.</summary>
    public Guid Id { get; } = Guid.NewGuid();

    /// <summary>Records that this process is alive.</summary>
    public async Task BeatAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await dataSource.ExecuteAsync("""
            INSERT INTO billing_instances (id, host, started_at, heartbeat_at) VALUES ($1, $2, $3, $3)
            ON CONFLICT (id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at
            """, cancellationToken, Id, Environment.MachineName, now);
    }

    /// <summary>
    /// Marks failed every run still "running" whose process has not beaten for <see cref="BillingOptions.AbandonedAfter"/>
    /// (or never recorded itself), and announces each; returns their ids.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> FailAbandonedAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        return await dataSource.ListAsync($"""
            WITH abandoned AS (
                UPDATE billing_runs r SET status = 'failed', finished_at = $1,
                    error = 'interrupted: the process carrying out this run stopped (killed or lost) after ' || r.processed || ' of '
                        || r.subscriptions || ' subscription(s); invoices already made are kept, and a new run bills the rest, each invoice once.'
                WHERE r.status = 'running' AND NOT EXISTS (
                    SELECT 1 FROM billing_instances i WHERE i.id = r.instance_id AND i.heartbeat_at > $2)
                RETURNING r.id)
            SELECT id, pg_notify('{BillingRunNotifications.Channel}', id::text) FROM abandoned
            """, r => r.GetGuid(0), cancellationToken, now, now - options.AbandonedAfter);
    }
}
