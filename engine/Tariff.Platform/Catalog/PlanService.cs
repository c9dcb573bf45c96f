using System.Collections.Concurrent;
using Npgsql;
using Tariff.Platform.Database;
using Tariff.Engine.Binding;
using Tariff.Engine.Diagnostics;
using Tariff.Engine.Syntax;
using Tariff.Platform.Audit;

namespace Tariff.Platform.Catalog;

/// <summary>
/// Plans: a draft anyone with the right role may change (even into something that does not check yet), and
/// published versions that never change. Publishing checks the draft, numbers the version one past the latest
/// (under a lock on the plan row, so two publications never take the same number), and stores its canonical JSON.
/// </summary>
public sealed class PlanService(NpgsqlDataSource dataSource, ProductService products, AuditLog audit, TimeProvider clock)
{
    private const string PlanColumns = """
        p.id, p.code, p.name, p.product_id, p.draft_text, p.draft_updated_at, p.draft_updated_by,
        coalesce((SELECT max(v.version) FROM plan_versions v WHERE v.plan_id = p.id), 0), p.created_at, p.draft_origin
        """;

    // Published versions never change, so each is checked once for as long as the process lives, and every reader
    // of it shares one bound plan (and so one compiled engine in CompiledPlanCache, which keys by the bound plan).
    private readonly ConcurrentDictionary<(Guid PlanId, int Version), PlanDocument> checkedVersions = new();

    private const string VersionColumns = "plan_id, version, text, document::text, plan_name, currency, comment, origin, published_at, published_by";

    /// <summary>
    /// Creates a plan with <paramref name="text"/> as its draft; the diagnostics say what publishing would refuse.
    /// <paramref name="origin"/> says who wrote the draft: <c>typed</c> or <c>assistant</c>.
    /// </summary>
    public async Task<(Plan Plan, IReadOnlyList<Diagnostic> Diagnostics)> CreateAsync(Guid tenantId, string? code, string? name, Guid? productId,
        string? text, string author, string origin = DraftOrigins.Typed, CancellationToken cancellationToken = default)
    {
        CatalogErrors.RequireCode(code);
        CatalogErrors.RequireText(name, "name");
        var diagnostics = DraftDiagnostics(text);
        if (productId is { } product && await products.FindAsync(tenantId, product, cancellationToken) is null)
        {
            throw new CatalogValidationException("productId", $"no product {product} in this tenant.");
        }

        var now = clock.GetUtcNow();
        var plan = new Plan(Guid.NewGuid(), code!, name!.Trim(), productId, text!, now, author, 0, now) { DraftOrigin = DraftOrigins.Require(origin) };
        await CatalogErrors.UniqueAsync(() => dataSource.InTransactionAsync(async transaction =>
        {
            await transaction.ExecuteAsync("""
                INSERT INTO plans (id, tenant_id, product_id, code, name, draft_text, draft_updated_at, draft_updated_by, created_at, draft_origin)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $7, $9)
                """, cancellationToken, plan.Id, tenantId, (object?)productId ?? DBNull.Value, plan.Code, plan.Name, plan.DraftText, now, author, plan.DraftOrigin);
            await audit.RecordAsync(transaction, tenantId, "plan.created", "plan", plan.Id, null, plan, cancellationToken);
            return plan;
        }, cancellationToken), "code", "plan");
        return (plan, diagnostics);
    }

    /// <summary>Replaces the draft's text, written by <paramref name="origin"/>; null when this tenant has no such plan.</summary>
    public async Task<(Plan Plan, IReadOnlyList<Diagnostic> Diagnostics)?> UpdateDraftAsync(Guid tenantId, Guid planId, string? text, string author,
        string origin = DraftOrigins.Typed, CancellationToken cancellationToken = default)
    {
        var diagnostics = DraftDiagnostics(text);
        if (await FindAsync(tenantId, planId, cancellationToken) is not { } before)
        {
            return null;
        }

        var after = before with { DraftText = text!, DraftUpdatedAt = clock.GetUtcNow(), DraftUpdatedBy = author, DraftOrigin = DraftOrigins.Require(origin) };
        var saved = await dataSource.InTransactionAsync(async transaction =>
        {
            if (await transaction.ExecuteAsync("""
                UPDATE plans SET draft_text = $3, draft_updated_at = $4, draft_updated_by = $5, draft_origin = $6 WHERE tenant_id = $1 AND id = $2
                """, cancellationToken, tenantId, planId, after.DraftText, after.DraftUpdatedAt, author, after.DraftOrigin) == 0)
            {
                return false;
            }

            await audit.RecordAsync(transaction, tenantId, "plan.draft_saved", "plan", planId, before, after, cancellationToken);
            return true;
        }, cancellationToken);
        return saved ? (after, diagnostics) : null;
    }

    public async Task<IReadOnlyList<Plan>> ListAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        await dataSource.ListAsync($"SELECT {PlanColumns} FROM plans p WHERE p.tenant_id = $1 ORDER BY p.code", ReadPlan, cancellationToken, tenantId);

    /// <summary>How many plans the tenant has.</summary>
    public async Task<int> CountAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        await dataSource.CountAsync("SELECT count(*) FROM plans WHERE tenant_id = $1", cancellationToken, tenantId);

    /// <summary><paramref name="limit"/> of the tenant's plans by code from <paramref name="offset"/>, sorted and cut by the database.</summary>
    public async Task<IReadOnlyList<Plan>> PageAsync(Guid tenantId, int offset, int limit, CancellationToken cancellationToken = default) =>
        await dataSource.ListAsync($"SELECT {PlanColumns} FROM plans p WHERE p.tenant_id = $1 ORDER BY p.code COLLATE \"C\", p.id OFFSET $2 LIMIT $3", ReadPlan,
            cancellationToken, tenantId, Math.Max(0, offset), Math.Max(1, limit));

    public async Task<Plan?> FindAsync(Guid tenantId, Guid planId, CancellationToken cancellationToken = default) =>
        (await dataSource.ListAsync($"SELECT {PlanColumns} FROM plans p WHERE p.tenant_id = $1 AND p.id = $2", ReadPlan, cancellationToken, tenantId, planId))
            .SingleOrDefault();

    /// <summary>
    /// Publishes the draft as the next version; null when this tenant has no such plan. A draft the assistant wrote
    /// last is published with the origin <c>assistant</c> whatever <paramref name="origin"/> says.
    /// </summary>
    public Task<PlanVersion?> PublishAsync(Guid tenantId, Guid planId, string? comment, string origin, string author, CancellationToken cancellationToken = default) =>
        PublishTextAsync(tenantId, planId, text: null, comment, origin, author, cancellationToken);

    /// <summary>Publishes version <paramref name="version"/>'s text again as a new version (history is never rewritten).</summary>
    public async Task<PlanVersion?> RollbackAsync(Guid tenantId, Guid planId, int version, string author, CancellationToken cancellationToken = default)
    {
        var old = await FindVersionAsync(tenantId, planId, version, cancellationToken);
        return old is null
            ? null
            : await PublishTextAsync(tenantId, planId, old.Text, $"Rollback to version {version}", "rollback", author, cancellationToken);
    }

    /// <summary>A published version's checked document, bound once per version.</summary>
    public PlanDocument Checked(PlanVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return checkedVersions.GetOrAdd((version.PlanId, version.Version), static (_, text) => PlanDocument.Check(text), version.Text);
    }

    public async Task<IReadOnlyList<PlanVersion>> VersionsAsync(Guid tenantId, Guid planId, CancellationToken cancellationToken = default) =>
        await dataSource.ListAsync($"SELECT {VersionColumns} FROM plan_versions WHERE tenant_id = $1 AND plan_id = $2 ORDER BY version",
            ReadVersion, cancellationToken, tenantId, planId);

    public async Task<PlanVersion?> FindVersionAsync(Guid tenantId, Guid planId, int version, CancellationToken cancellationToken = default) =>
        (await dataSource.ListAsync($"SELECT {VersionColumns} FROM plan_versions WHERE tenant_id = $1 AND plan_id = $2 AND version = $3",
            ReadVersion, cancellationToken, tenantId, planId, version)).SingleOrDefault();

    private static IReadOnlyList<Diagnostic> DraftDiagnostics(string? text)
    {
        if (text is null)
        {
            throw new CatalogValidationException("text", "is required: the plan's pricing text (it may be incomplete while it is a draft).");
        }

        return text.Length > PlanDocument.MaxLength
            ? throw new CatalogValidationException("text", $"is {text.Length:N0} characters long; the limit is {PlanDocument.MaxLength:N0}.")
            : Binder.Check(text).Diagnostics;
    }

    private async Task<PlanVersion?> PublishTextAsync(Guid tenantId, Guid planId, string? text, string? comment, string origin, string author,
        CancellationToken cancellationToken)
    {
        if (comment is { Length: > 2000 })
        {
            throw new CatalogValidationException("comment", "is at most 2,000 characters.");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockPlan = new NpgsqlCommand("SELECT draft_text, draft_origin FROM plans WHERE tenant_id = $1 AND id = $2 FOR UPDATE", connection, transaction))
        {
            lockPlan.Parameters.AddWithValue(tenantId);
            lockPlan.Parameters.AddWithValue(planId);
            await using var reader = await lockPlan.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            if (text is null)
            {
                (text, origin) = (reader.GetString(0), DraftOrigins.Published(origin, reader.GetString(1)));
            }
        }

        var document = PlanDocument.Check(text, field: origin == "rollback" ? "version" : "draft");
        var version = new PlanVersion(planId, 0, text, DocumentJson.Serialize(document.Syntax), document.Plan.Name, document.Plan.Currency.Code,
            comment ?? string.Empty, origin, clock.GetUtcNow(), author);
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO plan_versions (plan_id, version, tenant_id, text, document, plan_name, currency, comment, origin, published_at, published_by)
            SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9, $10 FROM plan_versions WHERE plan_id = $1
            RETURNING version
            """, connection, transaction))
        {
            insert.Parameters.AddWithValue(planId);
            insert.Parameters.AddWithValue(tenantId);
            insert.Parameters.AddWithValue(version.Text);
            insert.Parameters.AddWithValue(version.DocumentJson);
            insert.Parameters.AddWithValue(version.PlanName);
            insert.Parameters.AddWithValue(version.Currency);
            insert.Parameters.AddWithValue(version.Comment);
            insert.Parameters.AddWithValue(version.Origin);
            insert.Parameters.AddWithValue(version.PublishedAt);
            insert.Parameters.AddWithValue(version.PublishedBy);
            version = version with { Version = (int)(await insert.ExecuteScalarAsync(cancellationToken))! };
        }

        if (origin == "rollback")
        {
            // The draft follows the version restored, so that the next edit starts from it.
            await using var draft = new NpgsqlCommand("UPDATE plans SET draft_text = $2, draft_updated_at = $3, draft_updated_by = $4 WHERE id = $1", connection, transaction);
            draft.Parameters.AddWithValue(planId);
            draft.Parameters.AddWithValue(text);
            draft.Parameters.AddWithValue(version.PublishedAt);
            draft.Parameters.AddWithValue(author);
            await draft.ExecuteNonQueryAsync(cancellationToken);
        }

        await audit.RecordAsync(transaction, tenantId, origin == "rollback" ? "plan.rolled_back" : "plan.published", "plan", planId, null,
            new { version.Version, version.Origin, version.Comment, version.PlanName, version.Currency, version.Text }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return version;
    }

    private static Plan ReadPlan(NpgsqlDataReader reader) =>
        new(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetGuid(3), reader.GetString(4),
            reader.GetFieldValue<DateTimeOffset>(5), reader.GetString(6), reader.GetInt32(7), reader.GetFieldValue<DateTimeOffset>(8))
        {
            DraftOrigin = reader.GetString(9),
        };

    private static PlanVersion ReadVersion(NpgsqlDataReader reader) =>
        new(reader.GetGuid(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
            reader.GetString(6), reader.GetString(7), reader.GetFieldValue<DateTimeOffset>(8), reader.GetString(9));
}
