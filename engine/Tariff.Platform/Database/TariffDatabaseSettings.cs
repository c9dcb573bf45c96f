using Npgsql;

namespace Tariff.Platform.Database;

/// <summary>
/// Where the database is. With no <c>ConnectionStrings:Tariff</c> configured, Tariff uses the private cluster that
/// <c>./studio.sh</c> and <c>./test.sh</c> start under <c>.data/postgres</c>.
/// </summary>
public sealed class TariffDatabaseSettings
{
    /// <summary>The configuration key (environment variable <c>ConnectionStrings__Tariff</c>).</summary>
    public const string ConnectionStringName = "Tariff";

    /// <summary>The private cluster's connection string, used when none is configured.</summary>
    public const string PrivateClusterConnectionString = "Host=127.0.0.1;Port=55432;Username=tariff;Database=tariff";

    /// <summary>Creates settings from a configured connection string, or the private cluster's when it is empty.</summary>
    public TariffDatabaseSettings(string? configuredConnectionString)
    {
        IsPrivateCluster = string.IsNullOrWhiteSpace(configuredConnectionString);
        ConnectionString = IsPrivateCluster ? PrivateClusterConnectionString : configuredConnectionString!;
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        Host = builder.Host ?? "localhost";
        Port = builder.Port;
        Database = builder.Database ?? builder.Username ?? "postgres";
    }

    /// <summary>The connection string in use.</summary>
    public string ConnectionString { get; }

    /// <summary>True when no connection string was configured and the private cluster is assumed.</summary>
    public bool IsPrivateCluster { get; }

    /// <summary>The server host, for messages.</summary>
    public string Host { get; }

    /// <summary>The server port, for messages.</summary>
    public int Port { get; }

    /// <summary>The database name, for messages.</summary>
    public string Database { get; }

    /// <summary>Where the connection string came from, said the way a person would look for it.</summary>
    public string Source => IsPrivateCluster
        ? "the private cluster default (no ConnectionStrings__Tariff set; ./studio.sh starts that cluster)"
        : "ConnectionStrings__Tariff";
}
