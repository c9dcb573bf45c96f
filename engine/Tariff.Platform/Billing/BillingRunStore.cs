using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Tariff.Platform.Database;

namespace Tariff.Platform.Billing;

/// <summary>Billing runs in PostgreSQL: recorded when they start, their progress as they go, their results when they end.</summary>
public sealed class BillingRunStore(NpgsqlDataSource dataSource, BillingInstance instance, TimeProvider clock)
{
    private const string Columns =
        "id, as_of, dry_run, consumer_ids, plan_ids, trigger, status, requested_by, started_at, finished_at, subscriptions, processed, error, results::text";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Records a run as started, carried out by this process.</summary>
    public async Task<BillingRun> StartAsync(Guid tenantId, BillingRunRequest request, CancellationToken cancellationToken = default) =>
        await InsertAsync(tenantId, request, firing: null, cancellationToken) ?? throw new InvalidOperationException("a manual run is never a duplicate");

    /// <summary>
    /// Records a run of a schedule's firing as started; null when that firing already has its run (another instance
    /// of a cluster took it), so that each firing bills once.
    /// </summary>
    public Task<BillingRun?> StartScheduledAsync(Guid tenantId, BillingRunRequest request, Guid scheduleId, int version, DateTimeOffset fireTime,
        CancellationToken cancellationToken = default) =>
        InsertAsync(tenantId, request, (scheduleId, version, fireTime.ToUniversalTime()), cancellationToken);

    /// <summary>Records progress: how many subscriptions the run selected and how many it has billed.</summary>
    public async Task ProgressAsync(Guid runId, int subscriptions, int processed, CancellationToken cancellationToken = default)
    {
        await using var update = dataSource.CreateCommand("UPDATE billing_runs SET subscriptions = $2, processed = $3 WHERE id = $1");
        update.Parameters.AddWithValue(runId);
        update.Parameters.AddWithValue(subscriptions);
        update.Parameters.AddWithValue(processed);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Ends the run with its status and results, and announces it on <see cref="BillingRunNotifications.Channel"/>.</summary>
    public async Task<BillingRun> FinishAsync(Guid tenantId, Guid runId, string status, string? error, IReadOnlyList<BillingRunResult> results,
        CancellationToken cancellationToken = default)
    {
        await using var update = dataSource.CreateCommand($"""
            WITH finished AS (
                UPDATE billing_runs SET status = $3, error = $4, finished_at = $5, processed = subscriptions, results = $6 WHERE tenant_id = $1 AND id = $2
                RETURNING id)
            SELECT pg_notify('{BillingRunNotifications.Channel}', id::text) FROM finished
            """);
        update.Parameters.AddWithValue(tenantId);
        update.Parameters.AddWithValue(runId);
        update.Parameters.AddWithValue(status);
        update.Parameters.AddWithValue((object?)error ?? DBNull.Value);
        update.Parameters.AddWithValue(clock.GetUtcNow());
        update.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(results, Json), NpgsqlDbType = NpgsqlDbType.Jsonb });
        await update.ExecuteNonQueryAsync(cancellationToken);
        return await FindAsync(tenantId, runId, cancellationToken) ?? throw new InvalidOperationException($"billing run {runId} vanished");
    }

    public async Task<BillingRun?> FindAsync(Guid tenantId, Guid runId, CancellationToken cancellationToken = default) =>
        (await dataSource.ListAsync($"SELECT {Columns} FROM billing_runs WHERE tenant_id = $1 AND id = $2", Read, cancellationToken, tenantId, runId))
            .SingleOrDefault();

    /// <summary>
    /// The run once it has finished, waiting for it while it runs (until <paramref name="cancellationToken"/> gives
    /// up, which answers what the run is at that moment); null when this tenant has no such run.
    /// </summary>
    public async Task<BillingRun?> WhenFinishedAsync(Guid tenantId, Guid runId, CancellationToken cancellationToken)
    {
        var run = await FindAsync(tenantId, runId, cancellationToken);
        if (run is not { Status: "running" })
        {
            return run;
        }

        try
        {
            return await BillingRunNotifications.WaitAsync(dataSource,
                async token => await FindAsync(tenantId, runId, token) is { Status: not "running" } finished ? finished : null, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return await FindAsync(tenantId, runId, CancellationToken.None);
        }
    }

    /// <summary>How many runs the tenant has started.</summary>
    public async Task<int> CountAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        await dataSource.CountAsync("SELECT count(*) FROM billing_runs WHERE tenant_id = $1", cancellationToken, tenantId);

    /// <summary>
    /// <paramref name="limit"/> of the tenant's runs from <paramref name="offset"/>, newest first, without their
    /// results (which can be long: one per subscription).
    /// </summary>
    public async Task<IReadOnlyList<BillingRun>> PageAsync(Guid tenantId, int offset, int limit, CancellationToken cancellationToken = default) =>
        await dataSource.ListAsync($"""
            SELECT {Columns.Replace("results::text", "'[]'", StringComparison.Ordinal)} FROM billing_runs WHERE tenant_id = $1
            ORDER BY started_at DESC, id OFFSET $2 LIMIT $3
            """, Read, cancellationToken, tenantId, Math.Max(0, offset), Math.Max(1, limit));

    private async Task<BillingRun?> InsertAsync(Guid tenantId, BillingRunRequest request, (Guid Schedule, int Version, DateTimeOffset FireTime)? firing,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var run = new BillingRun(Guid.NewGuid(), request.AsOf.ToUniversalTime(), request.DryRun, request.ConsumerIds, request.PlanIds,
            firing is null ? request.Trigger : "schedule", "running", request.RequestedBy, clock.GetUtcNow(), null, 0, 0, null, []);
        var inserted = await dataSource.ExecuteAsync("""
            INSERT INTO billing_runs (id, tenant_id, as_of, dry_run, consumer_ids, plan_ids, trigger, status, requested_by, started_at, schedule_id,
                schedule_version, fire_time, instance_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, 'running', $8, $9, $10, $11, $12, $13)
            ON CONFLICT (schedule_id, fire_time) WHERE schedule_id IS NOT NULL DO NOTHING
            """, cancellationToken, run.Id, tenantId, run.AsOf, run.DryRun, run.ConsumerIds.ToArray(), run.PlanIds.ToArray(), run.Trigger, run.RequestedBy,
            run.StartedAt, (object?)firing?.Schedule ?? DBNull.Value, (object?)firing?.Version ?? DBNull.Value, (object?)firing?.FireTime ?? DBNull.Value, instance.Id);
        return inserted == 1 ? run : null;
    }

    private static BillingRun Read(NpgsqlDataReader r) => new(
        r.GetGuid(0), r.GetFieldValue<DateTimeOffset>(1), r.GetBoolean(2), r.GetFieldValue<Guid[]>(3), r.GetFieldValue<Guid[]>(4), r.GetString(5),
        r.GetString(6), r.GetString(7), r.GetFieldValue<DateTimeOffset>(8), r.IsDBNull(9) ? null : r.GetFieldValue<DateTimeOffset>(9), r.GetInt32(10),
        r.GetInt32(11), r.IsDBNull(12) ? null : r.GetString(12), JsonSerializer.Deserialize<List<BillingRunResult>>(r.GetString(13), Json) ?? []);
}
