using Npgsql;
using Tariff.Platform.Database;
using Tariff.Platform.Audit;

namespace Tariff.Platform.Catalog;

/// <summary>Consumers and the gateway identities mapped to them.</summary>
public sealed class ConsumerService(NpgsqlDataSource dataSource, AuditLog audit, TimeProvider clock)
{
    private const string Columns = """
        c.id, c.code, c.name, c.email, c.created_at,
        coalesce((SELECT array_agg(i.identity ORDER BY i.identity) FROM consumer_identities i WHERE i.consumer_id = c.id), '{}')
        """;

    // $1 the tenant, $2 an ILIKE pattern or null.
    // Every condition of a search is one an index answers (migration 0025's trigram indexes; the identities through
    // the ids of the consumers they name), so PostgreSQL ORs index scans instead of testing every consumer. The
    // statement is planned with its values, so an empty search drops the whole OR.
    private const string Matching = """
        c.tenant_id = $1 AND ($2::text IS NULL OR c.code ILIKE $2 OR c.name ILIKE $2 OR c.email ILIKE $2
            OR c.id = ANY (ARRAY(SELECT i.consumer_id FROM consumer_identities i WHERE i.tenant_id = $1 AND i.identity ILIKE $2)))
        """;

    public async Task<Consumer> CreateAsync(Guid tenantId, string? code, string? name, string? email, IReadOnlyList<string>? identities,
        CancellationToken cancellationToken = default)
    {
        CatalogErrors.RequireText(code, "code");
        CatalogErrors.RequireText(name, "name");
        if (email is not null && (email.Length > 200 || !email.Contains('@', StringComparison.Ordinal)))
        {
            throw new CatalogValidationException("email", $"'{email}' is not an e-mail address.");
        }

        var wanted = CheckIdentities(identities ?? []);
        var consumer = new Consumer(Guid.NewGuid(), code!.Trim(), name!.Trim(), email, wanted, clock.GetUtcNow());
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await CatalogErrors.UniqueAsync(async () =>
        {
            await using var insert = new NpgsqlCommand(
                "INSERT INTO consumers (id, tenant_id, code, name, email, created_at) VALUES ($1, $2, $3, $4, $5, $6)", connection, transaction);
            insert.Parameters.AddWithValue(consumer.Id);
            insert.Parameters.AddWithValue(tenantId);
            insert.Parameters.AddWithValue(consumer.Code);
            insert.Parameters.AddWithValue(consumer.Name);
            insert.Parameters.AddWithValue((object?)email ?? DBNull.Value);
            insert.Parameters.AddWithValue(consumer.CreatedAt);
            return await insert.ExecuteNonQueryAsync(cancellationToken);
        }, "code", "consumer");
        await MapAsync(connection, transaction, tenantId, consumer.Id, wanted, consumer.CreatedAt, cancellationToken);
        await audit.RecordAsync(transaction, tenantId, "consumer.created", "consumer", consumer.Id, null, consumer, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return consumer;
    }

    /// <summary>Maps more identities to a consumer; null when this tenant has no such consumer.</summary>
    public async Task<Consumer?> AddIdentitiesAsync(Guid tenantId, Guid consumerId, IReadOnlyList<string>? identities, CancellationToken cancellationToken = default)
    {
        var wanted = CheckIdentities(identities ?? []);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var exists = new NpgsqlCommand("SELECT 1 FROM consumers WHERE tenant_id = $1 AND id = $2 FOR UPDATE", connection, transaction))
        {
            exists.Parameters.AddWithValue(tenantId);
            exists.Parameters.AddWithValue(consumerId);
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                return null;
            }
        }

        await MapAsync(connection, transaction, tenantId, consumerId, wanted, clock.GetUtcNow(), cancellationToken);
        var after = (await transaction.ListAsync($"SELECT {Columns} FROM consumers c WHERE c.tenant_id = $1 AND c.id = $2", Read, cancellationToken, tenantId, consumerId))
            .Single();
        await audit.RecordAsync(transaction, tenantId, "consumer.identities_mapped", "consumer", consumerId, null, new { Mapped = wanted, after.Identities },
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return after;
    }

    /// <summary>Unmaps an identity; false when this consumer of this tenant does not hold it.</summary>
    public Task<bool> RemoveIdentityAsync(Guid tenantId, Guid consumerId, string identity, CancellationToken cancellationToken = default) =>
        dataSource.InTransactionAsync(async transaction =>
        {
            if (await transaction.ExecuteAsync("DELETE FROM consumer_identities WHERE tenant_id = $1 AND consumer_id = $2 AND identity = $3", cancellationToken,
                tenantId, consumerId, identity) == 0)
            {
                return false;
            }

            await audit.RecordAsync(transaction, tenantId, "consumer.identity_unmapped", "consumer", consumerId, new { Identity = identity }, null, cancellationToken);
            return true;
        }, cancellationToken);

    public async Task<IReadOnlyList<Consumer>> ListAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        await dataSource.ListAsync($"SELECT {Columns} FROM consumers c WHERE c.tenant_id = $1 ORDER BY c.code", Read, cancellationToken, tenantId);

    /// <summary>
    /// How many of the tenant's consumers match <paramref name="search"/> (part of a code, name, e-mail or identity,
    /// ignoring case; everyone when empty).
    /// </summary>
    public async Task<int> CountAsync(Guid tenantId, string? search = null, CancellationToken cancellationToken = default) =>
        await dataSource.CountAsync($"SELECT count(*) FROM consumers c WHERE {Matching}", cancellationToken, tenantId, NpgsqlQueries.Containing(search));

    /// <summary>
    /// <paramref name="limit"/> of the tenant's consumers matching <paramref name="search"/> from <paramref name="offset"/>
    /// in <paramref name="order"/>: the database sorts and cuts, so a tenant with many customers reads one page.
    /// </summary>
    public async Task<IReadOnlyList<Consumer>> PageAsync(Guid tenantId, string? search, ConsumerOrder order, int offset, int limit,
        CancellationToken cancellationToken = default)
    {
        var orderBy = order switch
        {
            ConsumerOrder.Name => "lower(c.name), c.code COLLATE \"C\", c.id",
            ConsumerOrder.Created => "c.created_at DESC, c.id",
            _ => "c.code COLLATE \"C\", c.id",
        };
        return await dataSource.ListAsync($"SELECT {Columns} FROM consumers c WHERE {Matching} ORDER BY {orderBy} OFFSET $3 LIMIT $4", Read, cancellationToken,
            tenantId, NpgsqlQueries.Containing(search), Math.Max(0, offset), Math.Max(1, limit));
    }

    /// <summary>The tenant's consumer with this code (codes are unique per tenant), or null.</summary>
    public async Task<Consumer?> FindByCodeAsync(Guid tenantId, string code, CancellationToken cancellationToken = default) =>
        (await dataSource.ListAsync($"SELECT {Columns} FROM consumers c WHERE c.tenant_id = $1 AND c.code = $2", Read, cancellationToken, tenantId, code.Trim()))
            .SingleOrDefault();

    /// <summary>
    /// The tenant's consumers with these codes, by code: a form resolves what was typed in one query, and a code that
    /// no consumer has is simply missing from the answer.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, Consumer>> FindByCodesAsync(Guid tenantId, IEnumerable<string> codes,
        CancellationToken cancellationToken = default) =>
        (await dataSource.ListAsync($"SELECT {Columns} FROM consumers c WHERE c.tenant_id = $1 AND c.code = ANY($2)", Read, cancellationToken,
            tenantId, codes.Select(code => code.Trim()).Distinct(StringComparer.Ordinal).ToArray()))
            .ToDictionary(c => c.Code, StringComparer.Ordinal);

    /// <summary>
    /// The tenant's consumers among <paramref name="consumerIds"/>, by id: a page names the consumers of the rows it
    /// shows without reading every consumer. Another tenant's ids are missing from the answer.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, Consumer>> FindManyAsync(Guid tenantId, IEnumerable<Guid> consumerIds,
        CancellationToken cancellationToken = default) =>
        (await dataSource.ListAsync($"SELECT {Columns} FROM consumers c WHERE c.tenant_id = $1 AND c.id = ANY($2)", Read, cancellationToken,
            tenantId, consumerIds.Distinct().ToArray()))
            .ToDictionary(c => c.Id);

    /// <summary>
    /// The consumers that own <paramref name="identities"/>, by identity: rows of usage are named by their owners
    /// without reading every consumer. An identity nobody has mapped is missing from the answer.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, Consumer>> OwnersAsync(Guid tenantId, IEnumerable<string> identities,
        CancellationToken cancellationToken = default)
    {
        var owners = await dataSource.ListAsync("SELECT identity, consumer_id FROM consumer_identities WHERE tenant_id = $1 AND identity = ANY($2)",
            reader => (Identity: reader.GetString(0), Consumer: reader.GetGuid(1)), cancellationToken, tenantId,
            identities.Distinct(StringComparer.Ordinal).ToArray());
        var consumers = await FindManyAsync(tenantId, owners.Select(o => o.Consumer), cancellationToken);
        return owners.ToDictionary(o => o.Identity, o => consumers[o.Consumer], StringComparer.Ordinal);
    }

    public async Task<Consumer?> FindAsync(Guid tenantId, Guid consumerId, CancellationToken cancellationToken = default) =>
        (await dataSource.ListAsync($"SELECT {Columns} FROM consumers c WHERE c.tenant_id = $1 AND c.id = $2", Read, cancellationToken, tenantId, consumerId))
            .SingleOrDefault();

    /// <summary>Every identity this tenant has mapped, to its consumer.</summary>
    public async Task<IReadOnlyDictionary<string, Guid>> MappedIdentitiesAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        (await dataSource.ListAsync("SELECT identity, consumer_id FROM consumer_identities WHERE tenant_id = $1",
            reader => (Identity: reader.GetString(0), Consumer: reader.GetGuid(1)), cancellationToken, tenantId))
            .ToDictionary(row => row.Identity, row => row.Consumer, StringComparer.Ordinal);

    private static List<string> CheckIdentities(IReadOnlyList<string> identities)
    {
        for (var i = 0; i < identities.Count; i++)
        {
            if (string.IsNullOrEmpty(identities[i]) || identities[i].Length > 200)
            {
                throw new CatalogValidationException($"identities[{i}]", "must be 1 to 200 characters: the consumer as the gateway names it in usage events.");
            }
        }

        return [.. identities.Distinct(StringComparer.Ordinal)];
    }

    private static async Task MapAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid tenantId, Guid consumerId,
        List<string> identities, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (identities.Count == 0)
        {
            return;
        }

        // Already this consumer's: nothing to do. Another consumer's: refused, naming the identity and its owner.
        await using var taken = new NpgsqlCommand("""
            SELECT i.identity, c.code FROM consumer_identities i JOIN consumers c ON c.id = i.consumer_id
            WHERE i.tenant_id = $1 AND i.identity = ANY($2) AND i.consumer_id <> $3
            """, connection, transaction);
        taken.Parameters.AddWithValue(tenantId);
        taken.Parameters.AddWithValue(identities.ToArray());
        taken.Parameters.AddWithValue(consumerId);
        await using (var reader = await taken.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                var identity = reader.GetString(0);
                throw new CatalogValidationException($"identities[{identities.IndexOf(identity)}]", $"'{identity}' is already mapped to consumer '{reader.GetString(1)}'.");
            }
        }

        await CatalogErrors.UniqueAsync(async () =>
        {
            await using var insert = new NpgsqlCommand("""
                INSERT INTO consumer_identities (tenant_id, identity, consumer_id, created_at)
                SELECT $1, wanted, $2, $3 FROM unnest($4::text[]) AS wanted
                WHERE NOT EXISTS (SELECT 1 FROM consumer_identities i WHERE i.tenant_id = $1 AND i.identity = wanted)
                """, connection, transaction);
            insert.Parameters.AddWithValue(tenantId);
            insert.Parameters.AddWithValue(consumerId);
            insert.Parameters.AddWithValue(now);
            insert.Parameters.AddWithValue(identities.ToArray());
            return await insert.ExecuteNonQueryAsync(cancellationToken);
        }, "identities", "consumer (mapped at the same moment)");
    }

    private static Consumer Read(NpgsqlDataReader reader) =>
        new(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.GetFieldValue<string[]>(5), reader.GetFieldValue<DateTimeOffset>(4));
}
