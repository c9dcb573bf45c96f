using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tariff.Platform.Accounts;

namespace Tariff.Platform.Database;

/// <summary>
/// What every process that owns the database does before serving: create the database if the server lacks it,
/// apply migrations, and seed the demo tenant. Connection failures become a <see cref="DatabaseUnavailableException"/>
/// naming the server tried.
/// </summary>
public static class DatabaseStartup
{
    /// <summary>An arbitrary constant naming the start-up lock among the database's advisory locks.</summary>
    internal const long StartupLockKey = 0x7461_7269_6666_0002;

    /// <summary>Prepares the database and returns the demo login to print.</summary>
    public static async Task<DemoLogin> PrepareAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var settings = services.GetRequiredService<TariffDatabaseSettings>();
        try
        {
            await CreateDatabaseIfMissingAsync(settings, cancellationToken);

            // Instances starting together take turns for the whole preparation, seeding included, so that the
            // second finds the demo tenant the first created instead of colliding with it.
            await using var lockConnection = await services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(cancellationToken);
            await ExecuteAsync(lockConnection, $"SELECT pg_advisory_lock({StartupLockKey})", cancellationToken);
            try
            {
                await using var scope = services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<MigrationRunner>().ApplyAsync(MigrationCatalog.Load(), cancellationToken);
                return await scope.ServiceProvider.GetRequiredService<DemoTenantSeeder>().EnsureAsync(cancellationToken);
            }
            finally
            {
                await ExecuteAsync(lockConnection, $"SELECT pg_advisory_unlock({StartupLockKey})", CancellationToken.None);
            }
        }
        catch (Exception exception) when (IsConnectionFailure(exception))
        {
            throw DatabaseUnavailableException.From(settings, exception);
        }
    }

    /// <summary>True for failures that mean the server could not be reached or refused the login.</summary>
    public static bool IsConnectionFailure(Exception exception) => exception switch
    {
        NpgsqlException { InnerException: SocketException or TimeoutException or IOException } => true,
        PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification
            or PostgresErrorCodes.InvalidCatalogName or PostgresErrorCodes.CannotConnectNow } => true,
        SocketException or TimeoutException => true,
        _ => false,
    };

    private static async Task CreateDatabaseIfMissingAsync(TariffDatabaseSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            await using var probe = new NpgsqlConnection(settings.ConnectionString);
            await probe.OpenAsync(cancellationToken);
        }
        catch (PostgresException missing) when (missing.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            var maintenance = new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Database = "postgres", Pooling = false };
            await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            var quoted = "\"" + settings.Database.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted}", connection);
            try
            {
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException raced) when (raced.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
            {
                // Another instance starting at the same moment created it first: that is the outcome we wanted.
                // (A race inside the catalog surfaces as a unique violation rather than "database exists".)
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
