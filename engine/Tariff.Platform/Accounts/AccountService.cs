using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tariff.Platform.Database;

namespace Tariff.Platform.Accounts;

/// <summary>Creates tenants, users and API keys, and checks passwords and keys.</summary>
public sealed class AccountService(TariffDbContext db, IPasswordHasher<UserRecord> passwordHasher, TimeProvider clock)
{
    /// <summary>Creates a tenant. The slug is its short, URL-safe name.</summary>
    public async Task<TenantRecord> CreateTenantAsync(string slug, string name, CancellationToken cancellationToken = default)
    {
        var tenant = new TenantRecord { Id = Guid.CreateVersion7(clock.GetUtcNow()), Slug = slug, Name = name, CreatedAt = clock.GetUtcNow() };
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync(cancellationToken);
        return tenant;
    }

    /// <summary>Creates a user with the given roles; the password is stored only as a salted hash.</summary>
    public async Task<UserRecord> CreateUserAsync(Guid tenantId, string email, string displayName, string password,
        IReadOnlyCollection<string> roles, CancellationToken cancellationToken = default)
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
        };
        user.PasswordHash = passwordHasher.HashPassword(user, password);
        user.Roles.AddRange(roles.Distinct().Select(role => new UserRoleRecord { UserId = user.Id, Role = role }));
        db.Users.Add(user);
        await db.SaveChangesAsync(cancellationToken);
        return user;
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
            [.. user.Roles.Select(r => r.Role).Order(StringComparer.Ordinal)], IsApiKey: false);
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

    private static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();
}
