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

    /// <summary>Stores <paramref name="exchange"/>; its sequence is unique in its conversation, so two concurrent follow-ups cannot both take it.</summary>
    public Task AddAsync(Guid tenantId, AssistantExchange exchange, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        return dataSource.ExecuteAsync("""
            INSERT INTO assistant_exchanges (tenant_id, id, conversation_id, sequence, kind, target_id, request, base_text, proposal, explanation,
                diagnostics, attempts, provider, model, created_by, created_at, error_count, input_tokens, output_tokens)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, $13, $14, $15, $16, $17, $18, $19)
            """, cancellationToken, tenantId, exchange.Id, exchange.ConversationId, exchange.Sequence, exchange.Kind, (object?)exchange.TargetId ?? DBNull.Value,
            exchange.Request, exchange.BaseText, exchange.Proposal, exchange.Explanation, JsonSerializer.Serialize(exchange.Diagnostics, DiagnosticJson),
            exchange.Attempts, exchange.Provider, exchange.Model, exchange.CreatedBy, exchange.CreatedAt, exchange.ErrorCount, exchange.InputTokens,
            exchange.OutputTokens);
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
    /// What the tenant has used after <paramref name="hourStart"/> (requests) and since <paramref name="dayStart"/> (tokens),
    /// and the oldest request of that hour, which leaves it (freeing the request limit) exactly an hour after it was made.
    /// </summary>
    public async Task<AssistantUsage> UsageAsync(Guid tenantId, DateTimeOffset hourStart, DateTimeOffset dayStart, CancellationToken cancellationToken) =>
        (await dataSource.ListAsync("""
            SELECT count(*) FILTER (WHERE created_at > $2), min(created_at) FILTER (WHERE created_at > $2),
                   coalesce(sum(input_tokens + output_tokens) FILTER (WHERE created_at >= $3), 0)::bigint
            FROM assistant_exchanges WHERE tenant_id = $1 AND created_at >= least($2, $3)
            """, r => new AssistantUsage((int)r.GetInt64(0), r.IsDBNull(1) ? null : r.GetFieldValue<DateTimeOffset>(1), r.GetInt64(2)),
            cancellationToken, tenantId, hourStart, dayStart)).Single();

    /// <summary>Records that the proposal became the draft of <paramref name="targetId"/>.</summary>
    public static Task MarkAppliedAsync(NpgsqlTransaction transaction, Guid tenantId, Guid exchangeId, Guid targetId, DateTimeOffset at,
        CancellationToken cancellationToken) =>
        transaction.ExecuteAsync("UPDATE assistant_exchanges SET applied_to = $3, applied_at = $4 WHERE tenant_id = $1 AND id = $2",
            cancellationToken, tenantId, exchangeId, targetId, at);

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
