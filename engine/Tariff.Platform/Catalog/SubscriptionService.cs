using Npgsql;
using Tariff.Platform.Database;
using Tariff.Engine.Binding;
using Tariff.Platform.Audit;

namespace Tariff.Platform.Catalog;

/// <summary>Subscriptions: a consumer on one published plan version, from a start, in the consumer's time zone.</summary>
public sealed class SubscriptionService(NpgsqlDataSource dataSource, ConsumerService consumers, PlanService plans, AuditLog audit, TimeProvider clock)
{
    /// <summary>The columns <see cref="Read"/> reads, in order.</summary>
    internal const string Columns =
        "id, consumer_id, plan_id, plan_version, starts_at, ends_at, billing_anchor, time_zone, trial_ends_at, status, created_at";

    /// <summary>
    /// Subscribes a consumer. Without a version, the plan's latest; without an anchor, the start; without a time zone,
    /// UTC. The trial is the plan version's own, counted in the consumer's time zone.
    /// </summary>
    public async Task<Subscription> CreateAsync(Guid tenantId, Guid consumerId, Guid planId, int? version, DateTimeOffset? startsAt,
        DateTimeOffset? billingAnchor, string? timeZone, CancellationToken cancellationToken = default)
    {
        if (await consumers.FindAsync(tenantId, consumerId, cancellationToken) is null)
        {
            throw new CatalogValidationException("consumerId", $"no consumer {consumerId} in this tenant.");
        }

        if (await plans.FindAsync(tenantId, planId, cancellationToken) is not { } plan)
        {
            throw new CatalogValidationException("planId", $"no plan {planId} in this tenant.");
        }

        var chosen = version ?? plan.LatestVersion;
        if (chosen == 0 || await plans.FindVersionAsync(tenantId, planId, chosen, cancellationToken) is not { } published)
        {
            throw new CatalogValidationException("version", plan.LatestVersion == 0
                ? $"plan '{plan.Code}' has no published version yet; publish it first."
                : $"plan '{plan.Code}' has versions 1 to {plan.LatestVersion}, not {chosen}.");
        }

        var zone = FindZone(timeZone ?? "UTC");
        // Instants are stored in UTC; the time zone keeps what local time means for this subscription.
        var start = (startsAt ?? clock.GetUtcNow()).ToUniversalTime();
        var bound = plans.Checked(published).Plan;
        var subscription = new Subscription(Guid.NewGuid(), consumerId, planId, chosen, start, null, (billingAnchor ?? start).ToUniversalTime(), zone.Id,
            TrialEnd(start, bound.Trial, zone)?.ToUniversalTime(), "active", clock.GetUtcNow());
        return await dataSource.InTransactionAsync(async transaction =>
        {
            await transaction.ExecuteAsync($"INSERT INTO subscriptions (tenant_id, {Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                cancellationToken, tenantId, subscription.Id, subscription.ConsumerId, subscription.PlanId, subscription.PlanVersion, subscription.StartsAt,
                DBNull.Value, subscription.BillingAnchor, subscription.TimeZone, (object?)subscription.TrialEndsAt ?? DBNull.Value, subscription.Status,
                subscription.CreatedAt);
            await audit.RecordAsync(transaction, tenantId, "subscription.created", "subscription", subscription.Id, null, subscription, cancellationToken);
            return subscription;
        }, cancellationToken);
    }

    /// <summary>Ends a subscription at <paramref name="endsAt"/> (now when null); null when this tenant has no such subscription.</summary>
    public async Task<Subscription?> CancelAsync(Guid tenantId, Guid subscriptionId, DateTimeOffset? endsAt, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(tenantId, subscriptionId, cancellationToken) is not { } subscription)
        {
            return null;
        }

        var end = (endsAt ?? clock.GetUtcNow()).ToUniversalTime();
        if (end <= subscription.StartsAt)
        {
            throw new CatalogValidationException("endsAt", $"must be after the subscription's start ({subscription.StartsAt:O}).");
        }

        var canceled = subscription with { EndsAt = end, Status = "canceled" };
        return await dataSource.InTransactionAsync(async transaction =>
        {
            await transaction.ExecuteAsync("UPDATE subscriptions SET ends_at = $3, status = 'canceled' WHERE tenant_id = $1 AND id = $2",
                cancellationToken, tenantId, subscriptionId, end);
            await audit.RecordAsync(transaction, tenantId, "subscription.canceled", "subscription", subscriptionId, subscription, canceled, cancellationToken);
            return canceled;
        }, cancellationToken);
    }

    /// <summary>This tenant's subscriptions, or one consumer's, oldest first.</summary>
    public async Task<IReadOnlyList<Subscription>> ListAsync(Guid tenantId, Guid? consumerId = null, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM subscriptions WHERE tenant_id = $1 AND ($2::uuid IS NULL OR consumer_id = $2) ORDER BY starts_at, created_at, id");
        command.Parameters.AddWithValue(tenantId);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)consumerId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        return await command.ListAsync(Read, cancellationToken);
    }

    /// <summary>How many subscriptions the tenant has, or one consumer has.</summary>
    public async Task<int> CountAsync(Guid tenantId, Guid? consumerId = null, CancellationToken cancellationToken = default) =>
        await dataSource.CountAsync("SELECT count(*) FROM subscriptions WHERE tenant_id = $1 AND ($2::uuid IS NULL OR consumer_id = $2)", cancellationToken,
            tenantId, (object?)consumerId ?? DBNull.Value);

    /// <summary><paramref name="limit"/> of the subscriptions <see cref="ListAsync"/> would list, from <paramref name="offset"/>.</summary>
    public async Task<IReadOnlyList<Subscription>> PageAsync(Guid tenantId, Guid? consumerId, int offset, int limit, CancellationToken cancellationToken = default) =>
        await dataSource.ListAsync($"""
            SELECT {Columns} FROM subscriptions WHERE tenant_id = $1 AND ($2::uuid IS NULL OR consumer_id = $2)
            ORDER BY starts_at, created_at, id OFFSET $3 LIMIT $4
            """, Read, cancellationToken, tenantId, (object?)consumerId ?? DBNull.Value, Math.Max(0, offset), Math.Max(1, limit));

    /// <summary>How many active subscriptions each of <paramref name="consumerIds"/> has; a consumer with none is absent.</summary>
    public async Task<IReadOnlyDictionary<Guid, int>> ActiveCountsAsync(Guid tenantId, IReadOnlyCollection<Guid> consumerIds,
        CancellationToken cancellationToken = default) =>
        (await dataSource.ListAsync("""
            SELECT consumer_id, count(*) FROM subscriptions WHERE tenant_id = $1 AND consumer_id = ANY($2) AND status = 'active' GROUP BY consumer_id
            """, r => (Consumer: r.GetGuid(0), Count: (int)r.GetInt64(1)), cancellationToken, tenantId, consumerIds.ToArray()))
            .ToDictionary(row => row.Consumer, row => row.Count);

    public async Task<Subscription?> FindAsync(Guid tenantId, Guid subscriptionId, CancellationToken cancellationToken = default) =>
        (await dataSource.ListAsync($"SELECT {Columns} FROM subscriptions WHERE tenant_id = $1 AND id = $2", Read, cancellationToken, tenantId, subscriptionId))
            .SingleOrDefault();

    private static TimeZoneInfo FindZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception exception) when (exception is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new CatalogValidationException("timeZone", $"'{id}' is not a known IANA time zone (such as Europe/Berlin or America/New_York).");
        }
    }

    // The trial ends on the same local wall-clock time N days, weeks or months later, whatever DST does in between.
    private static DateTimeOffset? TrialEnd(DateTimeOffset start, TrialPeriod? trial, TimeZoneInfo zone)
    {
        if (trial is null)
        {
            return null;
        }

        var local = TimeZoneInfo.ConvertTime(start, zone).DateTime;
        var end = trial.Unit switch
        {
            TrialUnit.Days => local.AddDays(trial.Length),
            TrialUnit.Weeks => local.AddDays(7 * trial.Length),
            _ => local.AddMonths(trial.Length),
        };
        while (zone.IsInvalidTime(end))
        {
            end = end.AddMinutes(30);
        }

        return new DateTimeOffset(end, zone.GetUtcOffset(end));
    }

    /// <summary>A subscription from a row of <see cref="Columns"/>.</summary>
    internal static Subscription Read(NpgsqlDataReader reader) =>
        new(reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetInt32(3), reader.GetFieldValue<DateTimeOffset>(4),
            reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5), reader.GetFieldValue<DateTimeOffset>(6), reader.GetString(7),
            reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8), reader.GetString(9), reader.GetFieldValue<DateTimeOffset>(10));
}
