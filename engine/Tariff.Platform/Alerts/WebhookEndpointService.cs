using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Npgsql;
using Tariff.Platform.Catalog;
using Tariff.Platform.Database;
using Tariff.Platform.Audit;

namespace Tariff.Platform.Alerts;

/// <summary>A tenant's webhook endpoints and their signing secrets (kept encrypted, because signing needs them back).</summary>
public sealed class WebhookEndpointService(NpgsqlDataSource dataSource, IDataProtectionProvider protection, AuditLog audit, TimeProvider clock)
{
    private const string Columns = "id, url, description, enabled, created_at";
    private readonly IDataProtector protector = protection.CreateProtector("Tariff.Alerts.WebhookSecret");

    /// <summary>Registers <paramref name="url"/>; returns the endpoint and its secret, which is never shown again.</summary>
    public async Task<(WebhookEndpoint Endpoint, string Secret)> CreateAsync(Guid tenantId, string? url, string? description,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new CatalogValidationException("url", "must be an absolute http or https URL.");
        }

        if (url.Length > 2000 || (description?.Length ?? 0) > 500)
        {
            throw new CatalogValidationException(url.Length > 2000 ? "url" : "description", "is too long (url: 2,000 characters, description: 500).");
        }

        var secret = "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var endpoint = new WebhookEndpoint(Guid.CreateVersion7(), uri.AbsoluteUri, description ?? string.Empty, true, clock.GetUtcNow());
        await dataSource.InTransactionAsync(async transaction =>
        {
            await transaction.ExecuteAsync("""
                INSERT INTO webhook_endpoints (id, tenant_id, url, secret_protected, description, enabled, created_at) VALUES ($1, $2, $3, $4, $5, true, $6)
                """, cancellationToken, endpoint.Id, tenantId, endpoint.Url, protector.Protect(secret), endpoint.Description, endpoint.CreatedAt);
            await audit.RecordAsync(transaction, tenantId, "webhook.created", "webhook", endpoint.Id, null, endpoint, cancellationToken);
            return endpoint;
        }, cancellationToken);
        return (endpoint, secret);
    }

    public Task<List<WebhookEndpoint>> ListAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        dataSource.ListAsync($"SELECT {Columns} FROM webhook_endpoints WHERE tenant_id = $1 ORDER BY created_at", Read, cancellationToken, tenantId);

    /// <summary>Stops deliveries to the endpoint (its past deliveries stay on record); false when the tenant has no such endpoint.</summary>
    public Task<bool> DisableAsync(Guid tenantId, Guid id, CancellationToken cancellationToken = default) =>
        dataSource.InTransactionAsync(async transaction =>
        {
            if (await transaction.ExecuteAsync("UPDATE webhook_endpoints SET enabled = false WHERE tenant_id = $1 AND id = $2", cancellationToken, tenantId, id) != 1)
            {
                return false;
            }

            await audit.RecordAsync(transaction, tenantId, "webhook.disabled", "webhook", id, new { Enabled = true }, new { Enabled = false }, cancellationToken);
            return true;
        }, cancellationToken);

    /// <summary>The secret that signs deliveries to the endpoint.</summary>
    public string Unprotect(string secretProtected) => protector.Unprotect(secretProtected);

    private static WebhookEndpoint Read(NpgsqlDataReader reader) =>
        new(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3), reader.GetFieldValue<DateTimeOffset>(4));
}
