using Microsoft.Extensions.Logging;
using Npgsql;
using Tariff.Engine.Binding;
using Tariff.Engine.Diagnostics;
using Tariff.Engine.Syntax;
using Tariff.Platform.Billing;
using Tariff.Platform.Catalog;
using Tariff.Platform.Database;
using Tariff.Platform.Audit;

namespace Tariff.Platform.Scheduling;

/// <summary>
/// Billing schedules, versioned like plans: a draft that may be wrong, published versions that never change (the
/// latest is the one that fires), and the firings themselves, each billed once whichever cluster node takes it.
/// </summary>
public sealed class ScheduleService(
    NpgsqlDataSource dataSource, PlanService plans, ConsumerService consumers, BillingScheduler scheduler, BillingRunner runner, BillingRunStore runs,
    AuditLog audit, TimeProvider clock, ILogger<ScheduleService> logger)
{
    private const string Columns = """
        s.id, s.code, s.draft_text, s.draft_updated_at, s.draft_updated_by, s.enabled,
        coalesce((SELECT max(v.version) FROM schedule_versions v WHERE v.schedule_id = s.id), 0), s.created_at, s.draft_origin
        """;

    private const string VersionColumns = "schedule_id, version, text, document::text, comment, origin, published_at, published_by";

    /// <summary>Creates a schedule with <paramref name="text"/> as its draft; the diagnostics say what publishing would refuse.</summary>
    public async Task<(Schedule Schedule, IReadOnlyList<Diagnostic> Diagnostics)> CreateAsync(Guid tenantId, string? code, string? text, string author,
        string origin = DraftOrigins.Typed, CancellationToken cancellationToken = default)
    {
        CatalogErrors.RequireCode(code);
        var diagnostics = await DraftDiagnosticsAsync(tenantId, text, cancellationToken);
        var now = clock.GetUtcNow();
        var schedule = new Schedule(Guid.NewGuid(), code!, text!, now, author, true, 0, now) { DraftOrigin = DraftOrigins.Require(origin) };
        await CatalogErrors.UniqueAsync(() => dataSource.InTransactionAsync(async transaction =>
        {
            await transaction.ExecuteAsync("""
                INSERT INTO schedules (id, tenant_id, code, draft_text, draft_updated_at, draft_updated_by, created_at, draft_origin)
                VALUES ($1, $2, $3, $4, $5, $6, $5, $7)
                """, cancellationToken, schedule.Id, tenantId, schedule.Code, schedule.DraftText, now, author, schedule.DraftOrigin);
            await audit.RecordAsync(transaction, tenantId, "schedule.created", "schedule", schedule.Id, null, schedule, cancellationToken);
            return schedule;
        }, cancellationToken), "code", "schedule");
        return (schedule, diagnostics);
    }

    /// <summary>What publishing <paramref name="text"/> would be refused for in this tenant (its plan and consumer codes included).</summary>
    public Task<IReadOnlyList<Diagnostic>> DiagnoseAsync(Guid tenantId, string? text, CancellationToken cancellationToken = default) =>
        DraftDiagnosticsAsync(tenantId, text, cancellationToken);

    /// <summary>Replaces the draft, written by <paramref name="origin"/>; null when this tenant has no such schedule.</summary>
    public async Task<(Schedule Schedule, IReadOnlyList<Diagnostic> Diagnostics)?> UpdateDraftAsync(Guid tenantId, Guid scheduleId, string? text, string author,
        string origin = DraftOrigins.Typed, CancellationToken cancellationToken = default)
    {
        var diagnostics = await DraftDiagnosticsAsync(tenantId, text, cancellationToken);
        if (await FindAsync(tenantId, scheduleId, cancellationToken) is not { } before)
        {
            return null;
        }

        var after = before with { DraftText = text!, DraftUpdatedAt = clock.GetUtcNow(), DraftUpdatedBy = author, DraftOrigin = DraftOrigins.Require(origin) };
        var saved = await dataSource.InTransactionAsync(async transaction =>
        {
            if (await transaction.ExecuteAsync("""
                UPDATE schedules SET draft_text = $3, draft_updated_at = $4, draft_updated_by = $5, draft_origin = $6 WHERE tenant_id = $1 AND id = $2
                """, cancellationToken, tenantId, scheduleId, after.DraftText, after.DraftUpdatedAt, author, after.DraftOrigin) == 0)
            {
                return false;
            }

            await audit.RecordAsync(transaction, tenantId, "schedule.draft_saved", "schedule", scheduleId, before, after, cancellationToken);
            return true;
        }, cancellationToken);
        return saved ? (after, diagnostics) : null;
    }

    /// <summary>
    /// Publishes the draft as the next version and fires on it from now on; null when this tenant has no such schedule.
    /// A draft the assistant wrote last is published with the origin <c>assistant</c>.
    /// </summary>
    public Task<ScheduleVersion?> PublishAsync(Guid tenantId, Guid scheduleId, string? comment, string origin, string author,
        CancellationToken cancellationToken = default) =>
        PublishTextAsync(tenantId, scheduleId, text: null, comment, origin, author, cancellationToken);

    /// <summary>
    /// Publishes version <paramref name="version"/>'s text again as a new version, which fires from now on (history is
    /// never rewritten); null when there is no such version.
    /// </summary>
    public async Task<ScheduleVersion?> RollbackAsync(Guid tenantId, Guid scheduleId, int version, string author, CancellationToken cancellationToken = default) =>
        await FindVersionAsync(tenantId, scheduleId, version, cancellationToken) is { } old
            ? await PublishTextAsync(tenantId, scheduleId, old.Text, $"Rollback to version {version}", "rollback", author, cancellationToken)
            : null;

    public async Task<ScheduleVersion?> FindVersionAsync(Guid tenantId, Guid scheduleId, int version, CancellationToken cancellationToken = default) =>
        (await dataSource.ListAsync($"SELECT {VersionColumns} FROM schedule_versions WHERE tenant_id = $1 AND schedule_id = $2 AND version = $3",
            ReadVersion, cancellationToken, tenantId, scheduleId, version)).SingleOrDefault();

    /// <summary>Pauses or resumes a schedule; null when this tenant has no such schedule.</summary>
    public async Task<Schedule?> SetEnabledAsync(Guid tenantId, Guid scheduleId, bool enabled, CancellationToken cancellationToken = default)
    {
        var changed = await dataSource.InTransactionAsync(async transaction =>
        {
            if (await transaction.ExecuteAsync("UPDATE schedules SET enabled = $3 WHERE tenant_id = $1 AND id = $2", cancellationToken, tenantId, scheduleId, enabled) == 0)
            {
                return false;
            }

            await audit.RecordAsync(transaction, tenantId, enabled ? "schedule.enabled" : "schedule.paused", "schedule", scheduleId, new { Enabled = !enabled },
                new { Enabled = enabled }, cancellationToken);
            return true;
        }, cancellationToken);
        if (!changed)
        {
            return null;
        }

        if (await LatestAsync(tenantId, scheduleId, cancellationToken) is { } latest)
        {
            var bound = Binder.Check(latest.Text).Document!.Schedules.Single();
            await scheduler.SyncAsync(tenantId, scheduleId, bound, enabled, cancellationToken);
        }

        return await FindAsync(tenantId, scheduleId, cancellationToken);
    }

    public async Task<IReadOnlyList<Schedule>> ListAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        await dataSource.ListAsync($"SELECT {Columns} FROM schedules s WHERE s.tenant_id = $1 ORDER BY s.code", Read, cancellationToken, tenantId);

    public async Task<Schedule?> FindAsync(Guid tenantId, Guid scheduleId, CancellationToken cancellationToken = default) =>
        (await dataSource.ListAsync($"SELECT {Columns} FROM schedules s WHERE s.tenant_id = $1 AND s.id = $2", Read, cancellationToken, tenantId, scheduleId))
            .SingleOrDefault();

    public async Task<IReadOnlyList<ScheduleVersion>> VersionsAsync(Guid tenantId, Guid scheduleId, CancellationToken cancellationToken = default) =>
        await dataSource.ListAsync($"SELECT {VersionColumns} FROM schedule_versions WHERE tenant_id = $1 AND schedule_id = $2 ORDER BY version",
            ReadVersion, cancellationToken, tenantId, scheduleId);

    /// <summary>
    /// Bills one firing of a schedule as of <paramref name="fireTime"/> with its latest version. A firing another node
    /// already took is skipped; a version whose plans or consumers have since gone is recorded as a failed run.
    /// </summary>
    public async Task<BillingRun?> RunFiringAsync(Guid tenantId, Guid scheduleId, DateTimeOffset fireTime, CancellationToken cancellationToken = default)
    {
        if (await LatestAsync(tenantId, scheduleId, cancellationToken) is not { } latest)
        {
            return null;
        }

        var bound = Binder.Check(latest.Text).Document!.Schedules.Single();
        var planIds = (await plans.ListAsync(tenantId, cancellationToken)).Where(p => bound.Plans.Contains(p.Code)).Select(p => p.Id).ToList();
        var consumerIds = (await consumers.FindByCodesAsync(tenantId, bound.Consumers, cancellationToken)).Values.Select(c => c.Id).ToList();
        var request = new BillingRunRequest(fireTime, consumerIds, planIds, bound.DryRun, "schedule", $"schedule {bound.Name} v{latest.Version}");
        if (await runs.StartScheduledAsync(tenantId, request, scheduleId, latest.Version, fireTime, cancellationToken) is not { } run)
        {
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("Firing {Fire} of schedule {Schedule} was already billed by another node", fireTime, scheduleId);
            }

            return null;
        }

        if (planIds.Count != bound.Plans.Count || consumerIds.Count != bound.Consumers.Count)
        {
            return await runs.FinishAsync(tenantId, run.Id, "failed",
                $"schedule {bound.Name} v{latest.Version} names plans or consumers the catalog no longer has; publish a corrected version.", [], cancellationToken);
        }

        return await runner.CompleteAsync(tenantId, run, request, cancellationToken);
    }

    // Publishes the draft (text null) or a given text (a rollback) as the next version, and syncs the scheduler.
    private async Task<ScheduleVersion?> PublishTextAsync(Guid tenantId, Guid scheduleId, string? text, string? comment, string origin, string author,
        CancellationToken cancellationToken)
    {
        if (comment is { Length: > 2000 })
        {
            throw new CatalogValidationException("comment", "is at most 2,000 characters.");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        string draft;
        bool enabled;
        await using (var lockRow = new NpgsqlCommand("SELECT draft_text, enabled, draft_origin FROM schedules WHERE tenant_id = $1 AND id = $2 FOR UPDATE", connection, transaction))
        {
            lockRow.Parameters.AddWithValue(tenantId);
            lockRow.Parameters.AddWithValue(scheduleId);
            await using var reader = await lockRow.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            enabled = reader.GetBoolean(1);
            (draft, origin) = text is null ? (reader.GetString(0), DraftOrigins.Published(origin, reader.GetString(2))) : (text, origin);
        }

        var document = await CheckAsync(tenantId, draft, text is null ? "draft" : "version", cancellationToken);
        var version = new ScheduleVersion(scheduleId, 0, draft, DocumentJson.Serialize(document.Syntax), comment ?? string.Empty, origin, clock.GetUtcNow(), author);
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO schedule_versions (schedule_id, version, tenant_id, text, document, comment, origin, published_at, published_by)
            SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4::jsonb, $5, $6, $7, $8 FROM schedule_versions WHERE schedule_id = $1
            RETURNING version
            """, connection, transaction))
        {
            foreach (var value in new object[] { scheduleId, tenantId, version.Text, version.DocumentJson, version.Comment, origin, version.PublishedAt, author })
            {
                insert.Parameters.Add(new NpgsqlParameter { Value = value });
            }

            version = version with { Version = (int)(await insert.ExecuteScalarAsync(cancellationToken))! };
        }

        await audit.RecordAsync(transaction, tenantId, "schedule.published", "schedule", scheduleId, null,
            new { version.Version, version.Origin, version.Comment, version.Text }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await scheduler.SyncAsync(tenantId, scheduleId, document.Schedule, enabled, cancellationToken);
        return version;
    }

    private async Task<ScheduleVersion?> LatestAsync(Guid tenantId, Guid scheduleId, CancellationToken cancellationToken) =>
        (await dataSource.ListAsync($"SELECT {VersionColumns} FROM schedule_versions WHERE tenant_id = $1 AND schedule_id = $2 ORDER BY version DESC LIMIT 1",
            ReadVersion, cancellationToken, tenantId, scheduleId)).SingleOrDefault();

    private async Task<ScheduleDocument> CheckAsync(Guid tenantId, string? text, string field, CancellationToken cancellationToken)
    {
        var planCodes = (await plans.ListAsync(tenantId, cancellationToken)).Select(p => p.Code).ToHashSet(StringComparer.Ordinal);
        // Only the codes the schedule names are looked up, not every consumer of the tenant.
        var named = text is null ? [] : DocumentParser.Parse(text).Document.Declarations.OfType<ScheduleSyntax>().SelectMany(s => s.Consumers).Select(c => c.Value);
        var consumerCodes = (await consumers.FindByCodesAsync(tenantId, named, cancellationToken)).Keys.ToHashSet(StringComparer.Ordinal);
        return ScheduleDocument.Check(text, planCodes, consumerCodes, field);
    }

    private async Task<IReadOnlyList<Diagnostic>> DraftDiagnosticsAsync(Guid tenantId, string? text, CancellationToken cancellationToken)
    {
        if (text is null || text.Length > PlanDocument.MaxLength)
        {
            throw new CatalogValidationException("text", $"is required: the schedule's text, at most {PlanDocument.MaxLength:N0} characters (it may be incomplete while it is a draft).");
        }

        try
        {
            await CheckAsync(tenantId, text, "text", cancellationToken);
            return [];
        }
        catch (CatalogValidationException refused)
        {
            return refused.AsDiagnostics();
        }
    }

    private static Schedule Read(NpgsqlDataReader r) => new(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetFieldValue<DateTimeOffset>(3), r.GetString(4),
        r.GetBoolean(5), r.GetInt32(6), r.GetFieldValue<DateTimeOffset>(7)) { DraftOrigin = r.GetString(8) };

    private static ScheduleVersion ReadVersion(NpgsqlDataReader r) => new(r.GetGuid(0), r.GetInt32(1), r.GetString(2), r.GetString(3), r.GetString(4),
        r.GetString(5), r.GetFieldValue<DateTimeOffset>(6), r.GetString(7));
}
