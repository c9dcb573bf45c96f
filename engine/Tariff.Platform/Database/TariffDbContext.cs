using Microsoft.EntityFrameworkCore;
using Tariff.Platform.Accounts;

namespace Tariff.Platform.Database;

/// <summary>
/// EF Core's view of the schema. The schema itself is owned by the SQL migrations (EF's design-time tooling is not
/// available here), so this context only maps tables that already exist and never creates them.
/// </summary>
public sealed class TariffDbContext(DbContextOptions<TariffDbContext> options) : DbContext(options)
{
    public DbSet<TenantRecord> Tenants => Set<TenantRecord>();

    public DbSet<UserRecord> Users => Set<UserRecord>();

    public DbSet<ApiKeyRecord> ApiKeys => Set<ApiKeyRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<TenantRecord>(tenant =>
        {
            tenant.ToTable("tenants");
            tenant.Property(t => t.Id).HasColumnName("id");
            tenant.Property(t => t.Slug).HasColumnName("slug");
            tenant.Property(t => t.Name).HasColumnName("name");
            tenant.Property(t => t.CreatedAt).HasColumnName("created_at");
        });

        modelBuilder.Entity<UserRecord>(user =>
        {
            user.ToTable("users");
            user.Property(u => u.Id).HasColumnName("id");
            user.Property(u => u.TenantId).HasColumnName("tenant_id");
            user.Property(u => u.Email).HasColumnName("email");
            user.Property(u => u.DisplayName).HasColumnName("display_name");
            user.Property(u => u.PasswordHash).HasColumnName("password_hash");
            user.Property(u => u.CreatedAt).HasColumnName("created_at");
            user.Property(u => u.DisabledAt).HasColumnName("disabled_at");
            user.HasMany(u => u.Roles).WithOne().HasForeignKey(r => r.UserId);
        });

        modelBuilder.Entity<UserRoleRecord>(role =>
        {
            role.ToTable("user_roles");
            role.HasKey(r => new { r.UserId, r.Role });
            role.Property(r => r.UserId).HasColumnName("user_id");
            role.Property(r => r.Role).HasColumnName("role");
        });

        modelBuilder.Entity<ApiKeyRecord>(key =>
        {
            key.ToTable("api_keys");
            key.Property(k => k.Id).HasColumnName("id");
            key.Property(k => k.TenantId).HasColumnName("tenant_id");
            key.Property(k => k.Name).HasColumnName("name");
            key.Property(k => k.Prefix).HasColumnName("prefix");
            key.Property(k => k.KeyHash).HasColumnName("key_hash");
            key.Property(k => k.Role).HasColumnName("role");
            key.Property(k => k.CreatedAt).HasColumnName("created_at");
            key.Property(k => k.LastUsedAt).HasColumnName("last_used_at");
            key.Property(k => k.RevokedAt).HasColumnName("revoked_at");
        });
    }
}
