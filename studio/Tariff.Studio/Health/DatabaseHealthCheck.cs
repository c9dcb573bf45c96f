using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Tariff.Platform.Database;

namespace Tariff.Studio.Health;

/// <summary>Healthy when the database answers and its schema is migrated; reports the schema version.</summary>
public sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource, TariffDatabaseSettings settings) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var where = $"{settings.Host}:{settings.Port}/{settings.Database}";
        try
        {
            await using var command = dataSource.CreateCommand("SELECT coalesce(max(version), 0) FROM schema_migrations");
            var version = (int)(await command.ExecuteScalarAsync(cancellationToken) ?? 0);
            return HealthCheckResult.Healthy($"PostgreSQL at {where}",
                new Dictionary<string, object> { ["schemaVersion"] = version });
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"PostgreSQL at {where}: {exception.Message}");
        }
    }
}
