using System.Text;
using Microsoft.EntityFrameworkCore;
using Tariff.Platform.Accounts;

namespace Tariff.Platform.Database;

/// <summary>
/// EF Core's view of the schema. The schema itself is owned by the SQL migrations (EF's design-time tooling is not
/// available here), so this context only maps tables that already exist and never creates them. Column names are
/// the properties' names in snake_case, as the migrations write them.
/// </summary>
public sealed class TariffDbContext(DbContextOptions<TariffDbContext> options) : DbContext(options)
{
    public DbSet<TenantRecord> Tenants => Set<TenantRecord>();

    public DbSet<UserRecord> Users => Set<UserRecord>();

    public DbSet<ApiKeyRecord> ApiKeys => Set<ApiKeyRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<TenantRecord>().ToTable("tenants");
        modelBuilder.Entity<UserRecord>().ToTable("users")
            .HasMany(u => u.Roles).WithOne().HasForeignKey(r => r.UserId);
        modelBuilder.Entity<UserRoleRecord>().ToTable("user_roles").HasKey(r => new { r.UserId, r.Role });
        modelBuilder.Entity<ApiKeyRecord>().ToTable("api_keys");

        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(entity => entity.GetProperties()))
        {
            property.SetColumnName(ToSnakeCase(property.Name));
        }
    }

    internal static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
