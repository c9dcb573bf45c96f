using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tariff.Platform.Database;

namespace Tariff.Platform.Accounts;

/// <summary>Makes sure the demo tenant, its administrator and, when configured, the bootstrap API key exist.</summary>
public sealed class DemoTenantSeeder(
    TariffDbContext db, AccountService accounts, IPasswordHasher<UserRecord> passwordHasher, IOptions<DemoTenantOptions> options)
{
    /// <summary>Creates what is missing and returns the login to print.</summary>
    public async Task<DemoLogin> EnsureAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var configuredPassword = string.IsNullOrEmpty(settings.AdminPassword) ? null : settings.AdminPassword;
        var tenant = await db.Tenants.SingleOrDefaultAsync(t => t.Slug == DemoTenantOptions.TenantSlug, cancellationToken);
        var created = tenant is null;
        string? printedPassword = null;

        tenant ??= await accounts.CreateTenantAsync(DemoTenantOptions.TenantSlug, "Demo Tenant", cancellationToken);

        var admin = await db.Users.SingleOrDefaultAsync(u => u.Email == DemoTenantOptions.AdminEmail, cancellationToken);
        if (admin is null)
        {
            printedPassword = configuredPassword ?? GeneratePassword();
            await accounts.CreateUserAsync(tenant.Id, DemoTenantOptions.AdminEmail, "Demo Admin", printedPassword,
                [Roles.Admin], cancellationToken);
        }
        else if (configuredPassword is not null
            && passwordHasher.VerifyHashedPassword(admin, admin.PasswordHash, configuredPassword) == PasswordVerificationResult.Failed)
        {
            admin.PasswordHash = passwordHasher.HashPassword(admin, configuredPassword);
            await db.SaveChangesAsync(cancellationToken);
            printedPassword = configuredPassword;
        }
        else if (configuredPassword is not null)
        {
            printedPassword = configuredPassword;
        }

        if (!string.IsNullOrEmpty(settings.BootstrapApiKey))
        {
            await accounts.EnsureApiKeyAsync(tenant.Id, "bootstrap (TARIFF_BOOTSTRAP_API_KEY)", Roles.Admin, ApiKeyScopes.All,
                settings.BootstrapApiKey, cancellationToken);
        }

        return new DemoLogin(DemoTenantOptions.AdminEmail, printedPassword, created);
    }

    // Letters and digits without look-alikes (0/O, 1/l/I), so that a printed password can be typed.
    private static string GeneratePassword() =>
        RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 16);
}
