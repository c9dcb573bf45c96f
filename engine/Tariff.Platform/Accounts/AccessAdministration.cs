using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Tariff.Platform.Audit;
using Tariff.Platform.Catalog;
using Tariff.Platform.Database;

namespace Tariff.Platform.Accounts;

/// <summary>
/// What an admin does with the tenant's people and keys: studio users and their roles, disabling them, API keys
/// shown once and revoked. Every problem is a <see cref="CatalogValidationException"/> naming the field; the tenant
/// always keeps at least one active admin.
/// </summary>
public sealed class AccessAdministration(TariffDbContext db, AccountService accounts, AuditLog audit, TimeProvider clock)
{
    /// <summary>The tenant's studio users (portal logins are listed with their consumer), roles included, by e-mail.</summary>
    public async Task<IReadOnlyList<UserRecord>> UsersAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        await db.Users.AsNoTracking().Include(u => u.Roles).Where(u => u.TenantId == tenantId).OrderBy(u => u.Email).ToListAsync(cancellationToken);

    /// <summary>The tenant's API keys, newest first; only their prefixes, never a secret.</summary>
    public async Task<IReadOnlyList<ApiKeyRecord>> ApiKeysAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        await db.ApiKeys.AsNoTracking().Where(k => k.TenantId == tenantId).OrderByDescending(k => k.CreatedAt).ToListAsync(cancellationToken);

    /// <summary>Creates a studio user with the given roles (admin, analyst, operator).</summary>
    public async Task<UserRecord> CreateUserAsync(Guid tenantId, string? email, string? displayName, string? password, IReadOnlyCollection<string>? roles,
        CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string[]>();
        CheckStudioRoles(roles, errors);
        return await accounts.CreateLoginAsync(tenantId, email, displayName, password, roles ?? [], consumerId: null, errors, "analyst@example.com", cancellationToken);
    }

    /// <summary>Replaces a studio user's roles; null when the tenant has no such user.</summary>
    public async Task<UserRecord?> SetRolesAsync(Guid tenantId, Guid userId, IReadOnlyCollection<string>? roles, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string[]>();
        CheckStudioRoles(roles, errors);
        if (errors.Count > 0)
        {
            throw new CatalogValidationException(errors);
        }

        await using var transaction = await LockTenantAsync(tenantId, cancellationToken);
        var user = await db.Users.Include(u => u.Roles).SingleOrDefaultAsync(u => u.TenantId == tenantId && u.Id == userId && u.ConsumerId == null, cancellationToken);
        if (user is null)
        {
            return null;
        }

        if (!roles!.Contains(Roles.Admin))
        {
            await KeepAnAdminAsync(tenantId, userId, "roles", cancellationToken);
        }

        var before = AccountService.Describe(user);
        db.RemoveRange([.. user.Roles.Where(r => !roles!.Contains(r.Role))]);
        user.Roles.RemoveAll(r => !roles!.Contains(r.Role));
        user.Roles.AddRange(roles!.Distinct().Where(role => user.Roles.All(r => r.Role != role)).Select(role => new UserRoleRecord { UserId = user.Id, Role = role }));
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(transaction, tenantId, "user.roles_changed", "user", user.Id, before, AccountService.Describe(user), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return user;
    }

    /// <summary>Disables a user (their sessions end at their next request) or enables them again; null when the tenant has no such user.</summary>
    public async Task<UserRecord?> SetDisabledAsync(Guid tenantId, Guid userId, bool disabled, CancellationToken cancellationToken = default)
    {
        await using var transaction = await LockTenantAsync(tenantId, cancellationToken);
        var user = await db.Users.Include(u => u.Roles).SingleOrDefaultAsync(u => u.TenantId == tenantId && u.Id == userId, cancellationToken);
        if (user is null)
        {
            return null;
        }

        if (disabled && user.Roles.Any(r => r.Role == Roles.Admin))
        {
            await KeepAnAdminAsync(tenantId, userId, "disabled", cancellationToken);
        }

        var before = AccountService.Describe(user);
        user.DisabledAt = disabled ? user.DisabledAt ?? clock.GetUtcNow() : null;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(transaction, tenantId, disabled ? "user.disabled" : "user.enabled", "user", user.Id, before, AccountService.Describe(user),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return user;
    }

    /// <summary>Creates an API key; the returned value holds the key, the only time anyone sees it.</summary>
    public async Task<CreatedApiKey> CreateApiKeyAsync(Guid tenantId, string? name, string? role, IReadOnlyCollection<string>? scopes,
        CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
        {
            errors["name"] = ["A name of 1 to 100 characters is required, to tell the key's users apart (such as 'kong gateway, eu')."];
        }

        if (role is null || !Roles.Studio.Contains(role))
        {
            errors["role"] = [$"Choose one of {string.Join(", ", Roles.Studio)}."];
        }

        if (scopes is not { Count: > 0 } || scopes.Except(ApiKeyScopes.All).Any())
        {
            errors["scopes"] = [$"Choose at least one of {string.Join(", ", ApiKeyScopes.All)}."];
        }

        if (errors.Count > 0)
        {
            throw new CatalogValidationException(errors);
        }

        // The account service shares this scope's context, so the key's insert joins this transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var key = await accounts.CreateApiKeyAsync(tenantId, name!.Trim(), role!, [.. scopes!.Distinct()], cancellationToken);
        await audit.RecordAsync(transaction, tenantId, "api_key.created", "api_key", key.Id, null, new { Name = name.Trim(), Role = role, Scopes = scopes, key.Prefix },
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return key;
    }

    /// <summary>Revokes a key at once; false when the tenant has no such key or it is already revoked.</summary>
    public async Task<bool> RevokeApiKeyAsync(Guid tenantId, Guid keyId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.ApiKeys.Where(k => k.TenantId == tenantId && k.Id == keyId && k.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(k => k.RevokedAt, now), cancellationToken) == 0)
        {
            return false;
        }

        await audit.RecordAsync(transaction, tenantId, "api_key.revoked", "api_key", keyId, new { RevokedAt = (DateTimeOffset?)null }, new { RevokedAt = now },
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static void CheckStudioRoles(IReadOnlyCollection<string>? roles, Dictionary<string, string[]> errors)
    {
        if (roles is not { Count: > 0 } || roles.Except(Roles.Studio).Any())
        {
            errors["roles"] = [$"Choose at least one of {string.Join(", ", Roles.Studio)}; consumers get portal logins from their consumer's page."];
        }
    }

    // Changes that may take an admin away hold the tenant's row lock from reading the user to committing, so two at
    // once (each demoting or disabling a different one of the last two admins) cannot both see the other still active.
    private async Task<IDbContextTransaction> LockTenantAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM tenants WHERE id = {tenantId} FOR UPDATE", cancellationToken);
        return transaction;
    }

    // Without an active admin nobody could manage users and keys any more.
    private async Task KeepAnAdminAsync(Guid tenantId, Guid changing, string field, CancellationToken cancellationToken)
    {
        var others = await db.Users.AnyAsync(u => u.TenantId == tenantId && u.Id != changing && u.DisabledAt == null && u.Roles.Any(r => r.Role == Roles.Admin),
            cancellationToken);
        if (!others)
        {
            throw new CatalogValidationException(field, "This is the tenant's last active admin; make someone else admin first.");
        }
    }
}
