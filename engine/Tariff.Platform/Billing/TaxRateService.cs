using Npgsql;
using Tariff.Platform.Catalog;
using Tariff.Platform.Database;
using Tariff.Platform.Audit;

namespace Tariff.Platform.Billing;

/// <summary>The tenant's tax rates, and which one each consumer pays (its own, else the tenant's default, else none).</summary>
public sealed class TaxRateService(NpgsqlDataSource dataSource, ConsumerService consumers, AuditLog audit)
{
    /// <summary>Creates or replaces a rate. Making it the default takes that from any other rate.</summary>
    public async Task<TaxRate> PutAsync(Guid tenantId, string? code, string? name, decimal? percent, bool isDefault, CancellationToken cancellationToken = default)
    {
        CatalogErrors.RequireCode(code);
        CatalogErrors.RequireText(name, "name");
        if (percent is not { } value || value < 0 || value > 100)
        {
            throw new CatalogValidationException("percent", "is required, from 0 to 100 (19 means 19%).");
        }

        var rate = new TaxRate(code!, name!.Trim(), value, isDefault);
        var before = (await ListAsync(tenantId, cancellationToken)).FirstOrDefault(r => r.Code == rate.Code);
        await dataSource.InTransactionAsync(async transaction =>
        {
            if (isDefault)
            {
                await transaction.ExecuteAsync("UPDATE tax_rates SET is_default = false WHERE tenant_id = $1 AND code <> $2 AND is_default", cancellationToken,
                    tenantId, rate.Code);
            }

            await transaction.ExecuteAsync("""
                INSERT INTO tax_rates (tenant_id, code, name, percent, is_default) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (tenant_id, code) DO UPDATE SET name = excluded.name, percent = excluded.percent, is_default = excluded.is_default
                """, cancellationToken, tenantId, rate.Code, rate.Name, rate.Percent, rate.IsDefault);
            await audit.RecordAsync(transaction, tenantId, before is null ? "tax_rate.created" : "tax_rate.changed", "tax_rate", rate.Code, before, rate,
                cancellationToken);
            return rate;
        }, cancellationToken);
        return rate;
    }

    public async Task<IReadOnlyList<TaxRate>> ListAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        await dataSource.ListAsync("SELECT code, name, percent, is_default FROM tax_rates WHERE tenant_id = $1 ORDER BY code", Read, cancellationToken, tenantId);

    /// <summary>Gives a consumer its own rate (or, with a null code, back to the default); false when this tenant has no such consumer.</summary>
    public async Task<bool> AssignAsync(Guid tenantId, Guid consumerId, string? code, CancellationToken cancellationToken = default)
    {
        if (await consumers.FindAsync(tenantId, consumerId, cancellationToken) is null)
        {
            return false;
        }

        if (code is not null && (await ListAsync(tenantId, cancellationToken)).All(r => r.Code != code))
        {
            throw new CatalogValidationException("code", $"no tax rate '{code}' in this tenant; create it first (PUT /api/v1/tax-rates/{code}).");
        }

        await dataSource.InTransactionAsync(async transaction =>
        {
            await (code is null
                ? transaction.ExecuteAsync("DELETE FROM consumer_tax_rates WHERE tenant_id = $1 AND consumer_id = $2", cancellationToken, tenantId, consumerId)
                : transaction.ExecuteAsync("""
                    INSERT INTO consumer_tax_rates (tenant_id, consumer_id, code) VALUES ($1, $2, $3)
                    ON CONFLICT (consumer_id) DO UPDATE SET code = excluded.code
                    """, cancellationToken, tenantId, consumerId, code));
            await audit.RecordAsync(transaction, tenantId, "consumer.tax_rate_assigned", "consumer", consumerId, null, new { TaxRate = code }, cancellationToken);
            return true;
        }, cancellationToken);
        return true;
    }

    /// <summary>The rate a consumer pays: its own, else the tenant's default, else null (no tax).</summary>
    public async Task<TaxRate?> RateForAsync(Guid tenantId, Guid consumerId, CancellationToken cancellationToken = default) =>
        (await dataSource.ListAsync("""
            SELECT r.code, r.name, r.percent, r.is_default FROM tax_rates r
            LEFT JOIN consumer_tax_rates c ON c.tenant_id = r.tenant_id AND c.code = r.code AND c.consumer_id = $2
            WHERE r.tenant_id = $1 AND (c.consumer_id IS NOT NULL
                OR (r.is_default AND NOT EXISTS (SELECT 1 FROM consumer_tax_rates o WHERE o.consumer_id = $2)))
            """, Read, cancellationToken, tenantId, consumerId)).SingleOrDefault();

    private static TaxRate Read(NpgsqlDataReader reader) => new(reader.GetString(0), reader.GetString(1), reader.GetDecimal(2), reader.GetBoolean(3));

}
