using System.Net.Mail;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tariff.Platform.Catalog;
using Tariff.Platform.Database;
using Tariff.Platform.Audit;

namespace Tariff.Platform.Accounts;

/// <summary>Creates tenants, users and API keys, and checks passwords and keys.</summary>
public sealed class AccountService(TariffDbContext db, IPasswordHasher<UserRecord> passwordHasher, AuditLog audit, TimeProvider clock)
{
    /// <summary>The shortest password a new portal login may have.</summary>
    public const int MinimumPasswordLength = 12;

    private const string AddressTaken = "This e-mail address already has a login.";

    /// <summary>Creates a tenant. The slug is its short, URL-safe name.</summary>
    public async Task<TenantRecord> CreateTenantAsync(string slug, string name, CancellationToken cancellationToken = default)
    {
        var tenant = new TenantRecord { Id = Guid.CreateVersion7(clock.GetUtcNow()), Slug = slug, Name = name, CreatedAt = clock.GetUtcNow() };
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync(cancellationToken);
        return tenant;
    }

    /// <summary>Creates a user with the given roles; the password is stored only as a salted hash.</summary>
    public Task<UserRecord> CreateUserAsync(Guid tenantId, string email, string displayName, string password,
        IReadOnlyCollection<string> roles, CancellationToken cancellationToken = default) =>
        AddUserAsync(tenantId, email, displayName, password, roles, consumerId: null, cancellationToken);

    private async Task<UserRecord> AddUserAsync(Guid tenantId, string email, string displayName, string password,
        IReadOnlyCollection<string> roles, Guid? consumerId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        ArgumentException.ThrowIfNullOrEmpty(password);
        ArgumentNullException.ThrowIfNull(roles);
        var unknown = roles.Except(Roles.All).ToArray();
        if (unknown.Length > 0)
        {
            throw new ArgumentException($"Unknown role(s): {string.Join(", ", unknown)}.", nameof(roles));
        }

        var user = new UserRecord
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            TenantId = tenantId,
            Email = NormalizeEmail(email),
            DisplayName = displayName,
            PasswordHash = string.Empty,
            CreatedAt = clock.GetUtcNow(),
            ConsumerId = consumerId,
        };
        user.PasswordHash = passwordHasher.HashPassword(user, password);
        user.Roles.AddRange(roles.Distinct().Select(role => new UserRoleRecord { UserId = user.Id, Role = role }));
        db.Users.Add(user);
        await db.SaveChangesAsync(cancellationToken);
        return user;
    }

    /// <summary>
    /// Creates a portal login for one consumer of the tenant (the consumer role, nothing else). Every problem is a
    /// <see cref="CatalogValidationException"/> naming the field; null when the tenant has no such consumer.
    /// </summary>
    public async Task<UserRecord?> CreatePortalUserAsync(Guid tenantId, Guid consumerId, string? email, string? displayName, string? password,
        CancellationToken cancellationToken = default)
    {
        if (!await db.Database.SqlQuery<bool>($"SELECT EXISTS (SELECT 1 FROM consumers WHERE tenant_id = {tenantId} AND id = {consumerId}) AS \"Value\"")
            .SingleAsync(cancellationToken))
        {
            return null;
        }

        return await CreateLoginAsync(tenantId, email, displayName, password, [Roles.Consumer], consumerId, [], "ap@example.com", cancellationToken);
    }

    /// <summary>
    /// Creates a login from what a person typed, for the studio's users and the portal's alike: every field is
    /// checked (with <paramref name="errors"/> the caller already found), all problems reported at once as a
    /// <see cref="CatalogValidationException"/>, and the creation is in the audit log. <c>exampleEmail</c> is the kind
    /// of address the error message suggests.
    /// </summary>
    internal async Task<UserRecord> CreateLoginAsync(Guid tenantId, string? email, string? displayName, string? password, IReadOnlyCollection<string> roles,
        Guid? consumerId, Dictionary<string, string[]> errors, string exampleEmail, CancellationToken cancellationToken)
    {
        if (email is null || !MailAddress.TryCreate(email.Trim(), out var address) || address.Address != email.Trim())
        {
            errors["email"] = [$"An e-mail address such as {exampleEmail} is required."];
        }
        else if (await db.Users.AnyAsync(u => u.Email == NormalizeEmail(email), cancellationToken))
        {
            errors["email"] = [AddressTaken];
        }

        if (string.IsNullOrWhiteSpace(displayName) || displayName.Length > 200)
        {
            errors["displayName"] = ["A name of 1 to 200 characters is required."];
        }

        if (password is not { Length: >= MinimumPasswordLength })
        {
            errors["password"] = [$"The password must have at least {MinimumPasswordLength} characters."];
        }

        if (errors.Count > 0)
        {
            throw new CatalogValidationException(errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        UserRecord user;
        try
        {
            user = await AddUserAsync(tenantId, email!.Trim(), displayName!.Trim(), password!, roles, consumerId, cancellationToken);
        }
        catch (DbUpdateException raced) when (raced.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another request took the address between the check above and this insert.
            throw new CatalogValidationException("email", AddressTaken);
        }

        await audit.RecordAsync(transaction, tenantId, "user.created", "user", user.Id, null, Describe(user), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return user;
    }

    /// <summary>What the audit log keeps of a user: never the password hash.</summary>
    internal static object Describe(UserRecord user) =>
        new { user.Email, user.DisplayName, Roles = user.Roles.Select(r => r.Role).Order(StringComparer.Ordinal).ToList(), user.DisabledAt, user.ConsumerId };

    /// <summary>
    /// Whether a signed-in user's session still stands: the user exists, is not disabled, and holds exactly the roles
    /// the session was given. Sessions are checked on every request, so that disabling someone or changing their
    /// roles takes effect at once rather than when their cookie expires.
    /// </summary>
    public async Task<bool> SessionStandsAsync(Guid tenantId, Guid userId, IReadOnlyCollection<string> roles, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var current = await db.Users.AsNoTracking().Where(u => u.TenantId == tenantId && u.Id == userId && u.DisabledAt == null)
            .Select(u => u.Roles.Select(r => r.Role).ToList()).SingleOrDefaultAsync(cancellationToken);
        return current is not null && current.ToHashSet(StringComparer.Ordinal).SetEquals(roles);
    }

    /// <summary>Checks an e-mail and password; null when either is wrong or the user is disabled.</summary>
    public async Task<AccountPrincipal?> AuthenticateUserAsync(string email, string password, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            return null;
        }

        var normalized = NormalizeEmail(email);
        var user = await db.Users.Include(u => u.Roles).SingleOrDefaultAsync(u => u.Email == normalized, cancellationToken);
        if (user is null || user.DisabledAt is not null)
        {
            return null;
        }

        var verdict = passwordHasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            return null;
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = passwordHasher.HashPassword(user, password);
            await db.SaveChangesAsync(cancellationToken);
        }

        var tenant = await db.Tenants.SingleAsync(t => t.Id == user.TenantId, cancellationToken);
        return new AccountPrincipal(tenant.Id, tenant.Slug, user.Id, user.DisplayName,
            [.. user.Roles.Select(r => r.Role).Order(StringComparer.Ordinal)], IsApiKey: false, ConsumerId: user.ConsumerId);
    }

    /// <summary>
    /// Creates an API key for a tenant with one role and the given scopes (by default, the API only) and returns it,
    /// the only time it is visible.
    /// </summary>
    public async Task<CreatedApiKey> CreateApiKeyAsync(Guid tenantId, string name, string role, IReadOnlyCollection<string>? scopes = null,
        CancellationToken cancellationToken = default) =>
        await StoreApiKeyAsync(tenantId, name, role, scopes ?? [ApiKeyScopes.Api], ApiKeySecret.Generate(), cancellationToken);

    /// <summary>
    /// Makes sure a key with exactly this value exists for the tenant (used for <c>TARIFF_BOOTSTRAP_API_KEY</c>),
    /// so that scripts can call the API without clicking. Returns false when it already existed.
    /// </summary>
    public async Task<bool> EnsureApiKeyAsync(Guid tenantId, string name, string role, IReadOnlyCollection<string> scopes, string key,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < ApiKeySecret.MinimumLength)
        {
            throw new ArgumentException($"An API key must be at least {ApiKeySecret.MinimumLength} characters long.", nameof(key));
        }

        var hash = ApiKeySecret.Hash(key);
        var existing = await db.ApiKeys.SingleOrDefaultAsync(k => k.KeyHash == hash, cancellationToken);
        if (existing is not null)
        {
            if (existing.TenantId != tenantId || existing.RevokedAt is not null)
            {
                throw new InvalidOperationException($"The API key {existing.Prefix}… belongs to another tenant or was revoked.");
            }

            return false;
        }

        await StoreApiKeyAsync(tenantId, name, role, scopes, key, cancellationToken);
        return true;
    }

    /// <summary>Checks an API key; null when it is unknown or revoked.</summary>
    public async Task<AccountPrincipal?> AuthenticateApiKeyAsync(string key, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(key) || key.Length < ApiKeySecret.MinimumLength)
        {
            return null;
        }

        var hash = ApiKeySecret.Hash(key);
        var record = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.KeyHash == hash, cancellationToken);
        // The lookup is by hash; comparing again in constant time keeps timing independent of the stored value.
        if (record is null || record.RevokedAt is not null || !CryptographicOperations.FixedTimeEquals(record.KeyHash, hash))
        {
            return null;
        }

        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == record.TenantId, cancellationToken);
        return new AccountPrincipal(tenant.Id, tenant.Slug, record.Id, record.Name, [record.Role], IsApiKey: true, record.Scopes);
    }

    private async Task<CreatedApiKey> StoreApiKeyAsync(Guid tenantId, string name, string role, IReadOnlyCollection<string> scopes, string key,
        CancellationToken cancellationToken)
    {
        if (!Roles.All.Contains(role))
        {
            throw new ArgumentException($"Unknown role '{role}'.", nameof(role));
        }

        var unknownScopes = scopes.Except(ApiKeyScopes.All).ToArray();
        if (unknownScopes.Length > 0 || scopes.Count == 0)
        {
            throw new ArgumentException($"Scopes must be some of {string.Join(", ", ApiKeyScopes.All)}, not '{string.Join(", ", scopes)}'.", nameof(scopes));
        }

        var record = new ApiKeyRecord
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            TenantId = tenantId,
            Name = name,
            Prefix = ApiKeySecret.PrefixOf(key),
            KeyHash = ApiKeySecret.Hash(key),
            Role = role,
            Scopes = [.. scopes.Distinct()],
            CreatedAt = clock.GetUtcNow(),
        };
        db.ApiKeys.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiKey(record.Id, key, record.Prefix);
    }

    internal static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();
}
