using Npgsql;
using Tariff.Platform.Database;

namespace Tariff.Platform.Usage;

/// <summary>
/// The usage store's own connection pool. Its connections keep their session when they return to the pool (no
/// <c>DISCARD ALL</c>), so each keeps its temporary staging table from one batch to the next.
/// </summary>
public sealed class UsageDataSource(TariffDatabaseSettings settings) : IDisposable
{
    public NpgsqlDataSource DataSource { get; } = new NpgsqlDataSourceBuilder(
        new NpgsqlConnectionStringBuilder(settings.ConnectionString) { NoResetOnClose = true, ApplicationName = "tariff-usage" }.ConnectionString).Build();

    public void Dispose() => DataSource.Dispose();
}
