using System.Text.Json;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Tariff.Platform.Database;

namespace Tariff.Platform.Audit;

/// <summary>
/// Writes and reads the tenant's audit log. The services call <c>RecordAsync</c> inside the transaction of
/// each change, so a change and its record commit together: a crash can lose neither alone. The actor comes from
/// <see cref="IAuditActor"/>, so no caller can name someone else.
/// </summary>
public sealed class AuditLog(NpgsqlDataSource dataSource, IAuditActor actor, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Who the log names for the current change (kept on records such as a wallet's credit).</summary>
    public string ActorName => actor.Name;

    /// <summary>Records one change. <paramref name="before"/> and <paramref name="after"/> are serialized as JSON; pass nothing secret.</summary>
    public async Task RecordAsync(NpgsqlTransaction transaction, Guid tenantId, string action, string entity, object entityId, object? before,
        object? after, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(entityId);
        await using var insert = new NpgsqlCommand(
            "INSERT INTO audit_log (tenant_id, at, actor, action, entity, entity_id, before, after) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            transaction.Connection, transaction);
        insert.Parameters.AddWithValue(tenantId);
        insert.Parameters.AddWithValue(clock.GetUtcNow());
        insert.Parameters.AddWithValue(actor.Name);
        insert.Parameters.AddWithValue(action);
        insert.Parameters.AddWithValue(entity);
        insert.Parameters.AddWithValue(Convert.ToString(entityId, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
        insert.Parameters.Add(Document(before));
        insert.Parameters.Add(Document(after));
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Records one change made through Entity Framework, inside its transaction.</summary>
    public Task RecordAsync(IDbContextTransaction transaction, Guid tenantId, string action, string entity, object entityId, object? before, object? after,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return RecordAsync((NpgsqlTransaction)transaction.GetDbTransaction(), tenantId, action, entity, entityId, before, after, cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(Guid tenantId, AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await dataSource.ListAsync("""
            SELECT id, at, actor, action, entity, entity_id, before::text, after::text FROM audit_log
            WHERE tenant_id = $1 AND ($2::text IS NULL OR entity = $2) AND ($3::text IS NULL OR entity_id = $3)
              AND ($4::text IS NULL OR actor ILIKE '%' || $4 || '%') AND ($5::bigint IS NULL OR id < $5)
            ORDER BY id DESC LIMIT $6
            """,
            reader => new AuditEntry(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), Parse(reader, 6), Parse(reader, 7)),
            cancellationToken, tenantId, Text(query.Entity), Text(query.EntityId), Text(query.Actor), (object?)query.Before ?? DBNull.Value, Math.Clamp(query.Limit, 1, 500));
    }

    private static NpgsqlParameter Document(object? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = value is null ? DBNull.Value : JsonSerializer.Serialize(value, Json) };

    private static object Text(string? value) => string.IsNullOrWhiteSpace(value) ? DBNull.Value : value.Trim();

    private static JsonElement? Parse(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : JsonDocument.Parse(reader.GetString(ordinal)).RootElement.Clone();
}
