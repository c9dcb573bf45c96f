using Npgsql;
using Tariff.Platform.Audit;
using Tariff.Platform.Database;

namespace Tariff.Platform.Catalog;

/// <summary>
/// Moves subscriptions to another version of their plan, one or all of a plan's at once. New versions never move
/// anyone by themselves; a move ends the running subscription where it takes effect and starts its successor there,
/// with the same consumer, anchor, time zone and trial, and records both in <c>subscription_migrations</c> and the
/// audit log.
/// </summary>
public sealed class SubscriptionMigrator(NpgsqlDataSource dataSource, PlanService plans, AuditLog audit, TimeProvider clock)
{
    /// <summary>Moves one subscription (to the latest version by default, from now by default); null when this tenant has no such subscription.</summary>
    public async Task<SubscriptionMigration?> MigrateAsync(Guid tenantId, Guid subscriptionId, int? toVersion, DateTimeOffset? effectiveAt, string author,
        CancellationToken cancellationToken = default)
    {
        var moved = await MoveAsync(tenantId, "s.id = $2", subscriptionId, toVersion, effectiveAt, author, single: true, cancellationToken);
        return moved?.SingleOrDefault();
    }

    /// <summary>Moves every subscription of the plan running at the effective instant on another version; null when this tenant has no such plan.</summary>
    public Task<IReadOnlyList<SubscriptionMigration>?> MigratePlanAsync(Guid tenantId, Guid planId, int? toVersion, DateTimeOffset? effectiveAt, string author,
        CancellationToken cancellationToken = default) =>
        MoveAsync(tenantId, "s.plan_id = $2", planId, toVersion, effectiveAt, author, single: false, cancellationToken);

    /// <summary>The moves recorded for a plan, oldest first.</summary>
    public async Task<IReadOnlyList<SubscriptionMigration>> HistoryAsync(Guid tenantId, Guid planId, CancellationToken cancellationToken = default) =>
        await dataSource.ListAsync("""
            SELECT id, from_subscription, to_subscription, plan_id, from_version, to_version, effective_at, migrated_at, migrated_by
            FROM subscription_migrations WHERE tenant_id = $1 AND plan_id = $2 ORDER BY migrated_at, effective_at, id
            """,
            reader => new SubscriptionMigration(reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetGuid(3), reader.GetInt32(4),
                reader.GetInt32(5), reader.GetFieldValue<DateTimeOffset>(6), reader.GetFieldValue<DateTimeOffset>(7), reader.GetString(8)),
            cancellationToken, tenantId, planId);

    private async Task<IReadOnlyList<SubscriptionMigration>?> MoveAsync(Guid tenantId, string which, Guid id, int? toVersion, DateTimeOffset? effectiveAt,
        string author, bool single, CancellationToken cancellationToken)
    {
        var effective = (effectiveAt ?? clock.GetUtcNow()).ToUniversalTime();
        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        List<Subscription> running;
        await using (var select = new NpgsqlCommand(
            $"SELECT {SubscriptionService.Columns} FROM subscriptions s WHERE s.tenant_id = $1 AND {which} ORDER BY s.starts_at, s.id FOR UPDATE",
            connection, transaction))
        {
            select.Parameters.AddWithValue(tenantId);
            select.Parameters.AddWithValue(id);
            running = await select.ListAsync(SubscriptionService.Read, cancellationToken);
        }

        var planId = single ? running.FirstOrDefault()?.PlanId ?? Guid.Empty : id;
        if ((single && running.Count == 0) || await plans.FindAsync(tenantId, planId, cancellationToken) is not { } plan)
        {
            return null;
        }

        var target = toVersion ?? plan.LatestVersion;
        if (target == 0 || await plans.FindVersionAsync(tenantId, planId, target, cancellationToken) is null)
        {
            throw new CatalogValidationException("version", $"plan '{plan.Code}' has versions 1 to {plan.LatestVersion}, not {target}.");
        }

        var movable = running.Where(s => s.Status == "active" && s.PlanVersion != target && s.StartsAt < effective && (s.EndsAt is null || s.EndsAt > effective)).ToList();
        if (single && movable.Count == 0)
        {
            var subscription = running[0];
            throw subscription.PlanVersion == target
                ? new CatalogValidationException("version", $"the subscription is already on version {target}.")
                : new CatalogValidationException("effectiveAt", $"the subscription is not running at {effective:O} (it runs from {subscription.StartsAt:O}{(subscription.EndsAt is { } end ? $" to {end:O}" : string.Empty)}, {subscription.Status}).");
        }

        var migrations = new List<SubscriptionMigration>();
        foreach (var old in movable)
        {
            var successor = Guid.NewGuid();
            var record = new SubscriptionMigration(Guid.NewGuid(), old.Id, successor, old.PlanId, old.PlanVersion, target, effective, now, author);
            await using var move = new NpgsqlBatch(connection, transaction)
            {
                BatchCommands =
                {
                    NpgsqlQueries.BatchCommand("UPDATE subscriptions SET ends_at = $3, status = 'migrated' WHERE tenant_id = $1 AND id = $2", tenantId, old.Id, effective),
                    NpgsqlQueries.BatchCommand("""
                        INSERT INTO subscriptions (tenant_id, id, consumer_id, plan_id, plan_version, starts_at, ends_at, billing_anchor, time_zone, trial_ends_at, status, created_at)
                        SELECT tenant_id, $3, consumer_id, plan_id, $4, $5, $6, billing_anchor, time_zone, trial_ends_at, 'active', $7 FROM subscriptions WHERE tenant_id = $1 AND id = $2
                        """, tenantId, old.Id, successor, target, effective, (object?)old.EndsAt ?? DBNull.Value, now),
                    NpgsqlQueries.BatchCommand("""
                        INSERT INTO subscription_migrations (id, tenant_id, from_subscription, to_subscription, plan_id, from_version, to_version, effective_at, migrated_at, migrated_by)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                        """, record.Id, tenantId, old.Id, successor, old.PlanId, old.PlanVersion, target, effective, now, author),
                },
            };
            await move.ExecuteNonQueryAsync(cancellationToken);
            await audit.RecordAsync(transaction, tenantId, "subscription.migrated", "subscription", old.Id, old,
                new { record.ToSubscription, record.ToVersion, record.EffectiveAt }, cancellationToken);
            migrations.Add(record);
        }

        await transaction.CommitAsync(cancellationToken);
        return migrations;
    }
}
