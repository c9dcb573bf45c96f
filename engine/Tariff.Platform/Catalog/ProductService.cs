using Npgsql;
using Tariff.Platform.Database;
using Tariff.Platform.Audit;

namespace Tariff.Platform.Catalog;

/// <summary>The products a tenant sells.</summary>
public sealed class ProductService(NpgsqlDataSource dataSource, AuditLog audit, TimeProvider clock)
{
    private const string Columns = "id, code, name, description, created_at";

    public async Task<Product> CreateAsync(Guid tenantId, string? code, string? name, string? description, CancellationToken cancellationToken = default)
    {
        CatalogErrors.RequireCode(code);
        CatalogErrors.RequireText(name, "name");
        if (description is { Length: > 2000 })
        {
            throw new CatalogValidationException("description", "is at most 2,000 characters.");
        }

        var product = new Product(Guid.NewGuid(), code!, name!.Trim(), description ?? string.Empty, clock.GetUtcNow());
        return await CatalogErrors.UniqueAsync(() => dataSource.InTransactionAsync(async transaction =>
        {
            await transaction.ExecuteAsync("INSERT INTO products (id, tenant_id, code, name, description, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
                cancellationToken, product.Id, tenantId, product.Code, product.Name, product.Description, product.CreatedAt);
            await audit.RecordAsync(transaction, tenantId, "product.created", "product", product.Id, null, product, cancellationToken);
            return product;
        }, cancellationToken), "code", "product");
    }

    public async Task<IReadOnlyList<Product>> ListAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        await dataSource.ListAsync($"SELECT {Columns} FROM products WHERE tenant_id = $1 ORDER BY code", Read, cancellationToken, tenantId);

    /// <summary>The product, or null when this tenant has none with that id.</summary>
    public async Task<Product?> FindAsync(Guid tenantId, Guid id, CancellationToken cancellationToken = default) =>
        (await dataSource.ListAsync($"SELECT {Columns} FROM products WHERE tenant_id = $1 AND id = $2", Read, cancellationToken, tenantId, id)).SingleOrDefault();

    private static Product Read(NpgsqlDataReader reader) =>
        new(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4));
}
