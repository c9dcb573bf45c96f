using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using Tariff.Engine.Diagnostics;
using Tariff.Platform.Database;

namespace Tariff.Platform.Assistant;

/// <summary>The stored exchanges, always read within one tenant: another tenant's ids find nothing.</summary>
public sealed class AssistantExchanges(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        id, conversation_id, sequence, kind, target_id, request, base_text, proposal, explanation, diagnostics::text, attempts,
        provider, model, created_by, created_at, applied_to, applied_at, input_tokens, output_tokens
        """;

    private static readonly JsonSerializerOptions DiagnosticJson = new() { Converters = { new JsonStringEnumConverter() } };

    private const string UsageQuery = """
        WITH requests AS (
            SELECT created_at AS at, input_tokens + output_tokens AS tokens FROM assistant_exchanges WHERE tenant_id = $1 AND created_at >= least($2, $3)
            UNION ALL
            SELECT reserved_at, 0 FROM assistant_reservations WHERE tenant_id = $1 AND reserved_at > $2)
        SELECT count(*) FILTER (WHERE at > $2), min(at) FILTER (WHERE at > $2), coalesce(sum(tokens) FILTER (WHERE at >= $3), 0)::bigint FROM requests
        """;

    /// <summary>
    /// Takes a place in the tenant's hourly request limit for a request about to be sent. Under a lock per tenant it
    /// reads the usage (requests in flight included), lets <paramref name="check"/> refuse by throwing, and reserves
    /// a place, which <see cref="AddAsync"/> or <see cref="ReleaseAsync"/> gives back.
    /// </summary>
    public Task<Guid> ReserveAsync(Guid tenantId, DateTimeOffset now, Action<AssistantUsage> check, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(check);
        return dataSource.InTransactionAsync(async transaction =>
        {
            await transaction.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", cancellationToken, $"assistant:{tenantId}");
            check((await transaction.ListAsync(UsageQuery, ReadUsage, cancellationToken, tenantId, now.AddHours(-1), DayStart(now))).Single());
            var reservation = Guid.CreateVersion7(now);
            await transaction.ExecuteAsync("INSERT INTO assistant_reservations (id, tenant_id, reserved_at) VALUES ($1, $2, $3)", cancellationToken,
                reservation, tenantId, now);
            return reservation;
        }, cancellationToken);
    }

    /// <summary>
    /// Gives back a place for a request that stored nothing (the provider failed), so it counts toward no limit. It is
    /// called while another failure is on its way up, which it must not hide: a place it cannot give back lapses with
    /// the hour instead.
    /// </summary>
    public async Task ReleaseAsync(Guid tenantId, Guid reservation)
    {
        try
        {
            await dataSource.ExecuteAsync("DELETE FROM assistant_reservations WHERE tenant_id = $1 AND id = $2", CancellationToken.None, tenantId, reservation);
        }
        catch (NpgsqlException)
        {
            // The database is what failed; the reservation counts until an hour after it was taken.
        }
    }

    /// <summary>Midnight UTC before <paramref name="now"/>, when the day's tokens start counting.</summary>
    public static DateTimeOffset DayStart(DateTimeOffset now) => new(now.UtcDateTime.Date, TimeSpan.Zero);

    /// <summary>
    /// Stores <paramref name="exchange"/> and gives back its request's <paramref name="reservation"/> in the same
    /// transaction, so the request counts exactly once. Its sequence is unique in its conversation, so two concurrent
    /// follow-ups cannot both take it.
    /// </summary>
    public Task AddAsync(Guid tenantId, AssistantExchange exchange, Guid reservation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        return dataSource.InTransactionAsync(async transaction =>
        {
            await transaction.ExecuteAsync("DELETE FROM assistant_reservations WHERE tenant_id = $1 AND id = $2", cancellationToken, tenantId, reservation);
            return await transaction.ExecuteAsync("""
                INSERT INTO assistant_exchanges (tenant_id, id, conversation_id, sequence, kind, target_id, request, base_text, proposal, explanation,
                    diagnostics, attempts, provider, model, created_by, created_at, error_count, input_tokens, output_tokens)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, $13, $14, $15, $16, $17, $18, $19)
                """, cancellationToken, tenantId, exchange.Id, exchange.ConversationId, exchange.Sequence, exchange.Kind, (object?)exchange.TargetId ?? DBNull.Value,
                exchange.Request, exchange.BaseText, exchange.Proposal, exchange.Explanation, JsonSerializer.Serialize(exchange.Diagnostics, DiagnosticJson),
                exchange.Attempts, exchange.Provider, exchange.Model, exchange.CreatedBy, exchange.CreatedAt, exchange.ErrorCount, exchange.InputTokens,
                exchange.OutputTokens);
        }, cancellationToken);
    }

    /// <summary>A conversation's exchanges in order; empty when this tenant has no such conversation.</summary>
    public async Task<IReadOnlyList<AssistantExchange>> ConversationAsync(Guid tenantId, Guid conversationId, CancellationToken cancellationToken) =>
        await dataSource.ListAsync($"SELECT {Columns} FROM assistant_exchanges WHERE tenant_id = $1 AND conversation_id = $2 ORDER BY sequence",
            Read, cancellationToken, tenantId, conversationId);

    public async Task<AssistantExchange?> FindAsync(Guid tenantId, Guid exchangeId, CancellationToken cancellationToken) =>
        (await dataSource.ListAsync($"SELECT {Columns} FROM assistant_exchanges WHERE tenant_id = $1 AND id = $2", Read, cancellationToken, tenantId, exchangeId))
            .SingleOrDefault();

    /// <summary>The tenant's latest conversations, newest first, each as its first exchange.</summary>
    public async Task<IReadOnlyList<AssistantExchange>> RecentAsync(Guid tenantId, int limit, CancellationToken cancellationToken) =>
        await dataSource.ListAsync($"""
            SELECT {Columns} FROM assistant_exchanges e WHERE tenant_id = $1 AND sequence = 1
            ORDER BY (SELECT max(created_at) FROM assistant_exchanges f WHERE f.tenant_id = e.tenant_id AND f.conversation_id = e.conversation_id) DESC
            LIMIT $2
            """, Read, cancellationToken, tenantId, limit);

    /// <summary>
    /// What the tenant has used in the hour before <paramref name="now"/> (requests, those in flight included) and since
    /// midnight UTC (tokens), and the oldest request of that hour, which leaves it (freeing the request limit) exactly an
    /// hour after it was made.
    /// </summary>
    public async Task<AssistantUsage> UsageAsync(Guid tenantId, DateTimeOffset now, CancellationToken cancellationToken) =>
        (await dataSource.ListAsync(UsageQuery, ReadUsage, cancellationToken, tenantId, now.AddHours(-1), DayStart(now))).Single();

    /// <summary>Records that the proposal became the draft of <paramref name="targetId"/>.</summary>
    public static Task MarkAppliedAsync(NpgsqlTransaction transaction, Guid tenantId, Guid exchangeId, Guid targetId, DateTimeOffset at,
        CancellationToken cancellationToken) =>
        transaction.ExecuteAsync("UPDATE assistant_exchanges SET applied_to = $3, applied_at = $4 WHERE tenant_id = $1 AND id = $2",
            cancellationToken, tenantId, exchangeId, targetId, at);

    private static AssistantUsage ReadUsage(NpgsqlDataReader reader) =>
        new((int)reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1), reader.GetInt64(2));

    private static AssistantExchange Read(NpgsqlDataReader reader) =>
        new(reader.GetGuid(0), reader.GetGuid(1), reader.GetInt32(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetGuid(4),
            reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetString(8),
            JsonSerializer.Deserialize<List<Diagnostic>>(reader.GetString(9), DiagnosticJson) ?? [],
            reader.GetInt32(10), reader.GetString(11), reader.GetString(12), reader.GetString(13), reader.GetFieldValue<DateTimeOffset>(14),
            reader.IsDBNull(15) ? null : reader.GetGuid(15), reader.IsDBNull(16) ? null : reader.GetFieldValue<DateTimeOffset>(16))
        {
            InputTokens = reader.GetInt64(17),
            OutputTokens = reader.GetInt64(18),
        };
}
