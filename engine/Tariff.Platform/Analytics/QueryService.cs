using Npgsql;
using Tariff.Engine.Diagnostics;
using Tariff.Engine.Syntax;
using Tariff.Platform.Audit;
using Tariff.Platform.Catalog;
using Tariff.Platform.Database;

namespace Tariff.Platform.Analytics;

/// <summary>
/// Saved usage queries, versioned like plans and schedules: a draft that may be wrong, published versions that never
/// change, rollback that publishes an old version's text again. Every change is audited in its own transaction.
/// </summary>
public sealed class QueryService(NpgsqlDataSource dataSource, ConsumerService consumers, QueryRunner runner, AuditLog audit, TimeProvider clock)
{
    private const string Columns = """
        q.id, q.code, q.draft_text, q.draft_updated_at, q.draft_updated_by, q.draft_origin,
        coalesce((SELECT max(v.version) FROM query_versions v WHERE v.query_id = q.id), 0), q.created_at
        """;

    private const string VersionColumns = "query_id, version, text, document::text, comment, origin, published_at, published_by";

    /// <summary>Creates a query with <paramref name="text"/> as its draft; the diagnostics say what publishing would refuse.</summary>
    public async Task<(SavedQuery Query, IReadOnlyList<Diagnostic> Diagnostics)> CreateAsync(Guid tenantId, string? code, string? text, string author,
        string origin = DraftOrigins.Typed, CancellationToken cancellationToken = default)
    {
        CatalogErrors.RequireCode(code);
        var diagnostics = await DiagnoseAsync(tenantId, text, cancellationToken);
        var now = clock.GetUtcNow();
        var query = new SavedQuery(Guid.NewGuid(), code!, text!, now, author, DraftOrigins.Require(origin), 0, now);
        await CatalogErrors.UniqueAsync(() => dataSource.InTransactionAsync(async transaction =>
        {
            await transaction.ExecuteAsync("""
                INSERT INTO queries (id, tenant_id, code, draft_text, draft_updated_at, draft_updated_by, draft_origin, created_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $5)
                """, cancellationToken, query.Id, tenantId, query.Code, query.DraftText, now, author, query.DraftOrigin);
            await audit.RecordAsync(transaction, tenantId, "query.created", "query", query.Id, null, query, cancellationToken);
            return query;
        }, cancellationToken), "code", "query");
        return (query, diagnostics);
    }

    /// <summary>
    /// What publishing <paramref name="text"/> would be refused for in this tenant (its consumer codes included);
    /// refuses a missing or oversized text, which cannot even be a draft.
    /// </summary>
    public async Task<IReadOnlyList<Diagnostic>> DiagnoseAsync(Guid tenantId, string? text, CancellationToken cancellationToken = default)
    {
        if (text is null || text.Length > PlanDocument.MaxLength)
        {
            throw new CatalogValidationException("text", $"is required: the query's text, at most {PlanDocument.MaxLength:N0} characters (it may be incomplete while it is a draft).");
        }

        return QueryDocument.Diagnose(text, await NamedCodesAsync(tenantId, text, cancellationToken));
    }

    /// <summary>Replaces the draft; null when this tenant has no such query.</summary>
    public async Task<(SavedQuery Query, IReadOnlyList<Diagnostic> Diagnostics)?> UpdateDraftAsync(Guid tenantId, Guid queryId, string? text, string author,
        string origin = DraftOrigins.Typed, CancellationToken cancellationToken = default)
    {
        var diagnostics = await DiagnoseAsync(tenantId, text, cancellationToken);
        var saved = await dataSource.InTransactionAsync(async transaction =>
        {
            var before = (await transaction.ListAsync($"SELECT {Columns} FROM queries q WHERE q.tenant_id = $1 AND q.id = $2 FOR UPDATE", Read, cancellationToken,
                tenantId, queryId)).SingleOrDefault();
            if (before is null)
            {
                return null;
            }

            var after = before with { DraftText = text!, DraftUpdatedAt = clock.GetUtcNow(), DraftUpdatedBy = author, DraftOrigin = DraftOrigins.Require(origin) };
            await transaction.ExecuteAsync("""
                UPDATE queries SET draft_text = $3, draft_updated_at = $4, draft_updated_by = $5, draft_origin = $6 WHERE tenant_id = $1 AND id = $2
                """, cancellationToken, tenantId, queryId, after.DraftText, after.DraftUpdatedAt, author, after.DraftOrigin);
            await audit.RecordAsync(transaction, tenantId, "query.draft_saved", "query", queryId, before, after, cancellationToken);
            return after;
        }, cancellationToken);
        return saved is null ? null : (saved, diagnostics);
    }

    /// <summary>Publishes the draft as the next version; null when this tenant has no such query. A draft the assistant wrote last is published as <c>assistant</c>.</summary>
    public Task<QueryVersion?> PublishAsync(Guid tenantId, Guid queryId, string? comment, string origin, string author, CancellationToken cancellationToken = default) =>
        PublishTextAsync(tenantId, queryId, text: null, comment, origin, author, cancellationToken);

    /// <summary>Publishes version <paramref name="version"/>'s text again as a new version (history is never rewritten); null when there is no such version.</summary>
    public async Task<QueryVersion?> RollbackAsync(Guid tenantId, Guid queryId, int version, string author, CancellationToken cancellationToken = default) =>
        await FindVersionAsync(tenantId, queryId, version, cancellationToken) is { } old
            ? await PublishTextAsync(tenantId, queryId, old.Text, $"Rollback to version {version}", "rollback", author, cancellationToken)
            : null;

    public async Task<IReadOnlyList<SavedQuery>> ListAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        await dataSource.ListAsync($"SELECT {Columns} FROM queries q WHERE q.tenant_id = $1 ORDER BY q.code COLLATE \"C\"", Read, cancellationToken, tenantId);

    public async Task<SavedQuery?> FindAsync(Guid tenantId, Guid queryId, CancellationToken cancellationToken = default) =>
        (await dataSource.ListAsync($"SELECT {Columns} FROM queries q WHERE q.tenant_id = $1 AND q.id = $2", Read, cancellationToken, tenantId, queryId)).SingleOrDefault();

    public async Task<IReadOnlyList<QueryVersion>> VersionsAsync(Guid tenantId, Guid queryId, CancellationToken cancellationToken = default) =>
        await dataSource.ListAsync($"SELECT {VersionColumns} FROM query_versions WHERE tenant_id = $1 AND query_id = $2 ORDER BY version",
            ReadVersion, cancellationToken, tenantId, queryId);

    public async Task<QueryVersion?> FindVersionAsync(Guid tenantId, Guid queryId, int version, CancellationToken cancellationToken = default) =>
        (await dataSource.ListAsync($"SELECT {VersionColumns} FROM query_versions WHERE tenant_id = $1 AND query_id = $2 AND version = $3",
            ReadVersion, cancellationToken, tenantId, queryId, version)).SingleOrDefault();

    /// <summary>Runs a published version (the latest when <paramref name="version"/> is null); null when there is no such query or version.</summary>
    public async Task<QueryResult?> RunAsync(Guid tenantId, Guid queryId, int? version, CancellationToken cancellationToken = default)
    {
        var chosen = version is { } number
            ? await FindVersionAsync(tenantId, queryId, number, cancellationToken)
            : await LatestAsync(tenantId, queryId, cancellationToken);
        return chosen is null ? null : await RunTextAsync(tenantId, chosen.Text, "version", cancellationToken);
    }

    /// <summary>Runs a text that need not be saved (a draft being tried); errors are refused on <paramref name="field"/> with their diagnostics.</summary>
    public async Task<QueryResult> RunTextAsync(Guid tenantId, string? text, string field = "text", CancellationToken cancellationToken = default)
    {
        // A query that names its consumers reads only those; one over every consumer needs them all.
        var named = await NamedConsumersAsync(tenantId, text, cancellationToken);
        var document = QueryDocument.Check(text, named.Keys.ToHashSet(StringComparer.Ordinal), field);
        var measured = document.Query.Consumers.Count > 0 ? [.. named.Values] : await consumers.ListAsync(tenantId, cancellationToken);
        return await runner.RunAsync(tenantId, document, measured, cancellationToken);
    }

    private async Task<QueryVersion?> PublishTextAsync(Guid tenantId, Guid queryId, string? text, string? comment, string origin, string author,
        CancellationToken cancellationToken)
    {
        if (comment is { Length: > 2000 })
        {
            throw new CatalogValidationException("comment", "is at most 2,000 characters.");
        }

        return await dataSource.InTransactionAsync(async transaction =>
        {
            var locked = (await transaction.ListAsync("SELECT draft_text, draft_origin FROM queries WHERE tenant_id = $1 AND id = $2 FOR UPDATE",
                r => (Text: r.GetString(0), Origin: r.GetString(1)), cancellationToken, tenantId, queryId)).SingleOrDefault();
            if (locked.Text is null)
            {
                return null;
            }

            var field = text is null ? "draft" : "version";
            var published = text ?? locked.Text;
            var consumerCodes = await NamedCodesAsync(tenantId, published, cancellationToken);
            var recorded = text is null ? DraftOrigins.Published(origin, locked.Origin) : origin;
            var now = clock.GetUtcNow();
            var document = QueryDocument.Check(published, consumerCodes, field);
            var json = DocumentJson.Serialize(document.Syntax);
            var number = (await transaction.ListAsync("""
                INSERT INTO query_versions (query_id, version, tenant_id, text, document, comment, origin, published_at, published_by)
                SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4::jsonb, $5, $6, $7, $8 FROM query_versions WHERE query_id = $1
                RETURNING version
                """, r => r.GetInt32(0), cancellationToken, queryId, tenantId, published, json, comment ?? string.Empty, recorded, now, author)).Single();
            var version = new QueryVersion(queryId, number, published, json, comment ?? string.Empty, recorded, now, author);
            await audit.RecordAsync(transaction, tenantId, "query.published", "query", queryId, null,
                new { version.Version, version.Origin, version.Comment, version.Text }, cancellationToken);
            return version;
        }, cancellationToken);
    }

    private async Task<QueryVersion?> LatestAsync(Guid tenantId, Guid queryId, CancellationToken cancellationToken) =>
        (await dataSource.ListAsync($"SELECT {VersionColumns} FROM query_versions WHERE tenant_id = $1 AND query_id = $2 ORDER BY version DESC LIMIT 1",
            ReadVersion, cancellationToken, tenantId, queryId)).SingleOrDefault();

    // Checking a query's consumers looks up only the codes its text names, not every consumer of the tenant.
    private async Task<IReadOnlyDictionary<string, Consumer>> NamedConsumersAsync(Guid tenantId, string? text, CancellationToken cancellationToken) =>
        text is null
            ? new Dictionary<string, Consumer>()
            : await consumers.FindByCodesAsync(tenantId,
                DocumentParser.Parse(text).Document.Declarations.OfType<QuerySyntax>().SelectMany(q => q.Consumers).Select(c => c.Value), cancellationToken);

    private async Task<HashSet<string>> NamedCodesAsync(Guid tenantId, string? text, CancellationToken cancellationToken) =>
        (await NamedConsumersAsync(tenantId, text, cancellationToken)).Keys.ToHashSet(StringComparer.Ordinal);

    private static SavedQuery Read(NpgsqlDataReader r) => new(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetFieldValue<DateTimeOffset>(3), r.GetString(4),
        r.GetString(5), r.GetInt32(6), r.GetFieldValue<DateTimeOffset>(7));

    private static QueryVersion ReadVersion(NpgsqlDataReader r) => new(r.GetGuid(0), r.GetInt32(1), r.GetString(2), r.GetString(3), r.GetString(4),
        r.GetString(5), r.GetFieldValue<DateTimeOffset>(6), r.GetString(7));
}
