using Npgsql;

namespace Tariff.Testing;

/// <summary>
/// A new, empty database on the test server, dropped on dispose, so that every test class works on its own data
/// and tests can run in parallel without seeing each other.
/// </summary>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    private readonly string adminConnectionString;

    private PostgresTestDatabase(string adminConnectionString, string name, string connectionString)
    {
        this.adminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = connectionString;
    }

    /// <summary>The database's name.</summary>
    public string Name { get; }

    /// <summary>A connection string to this database.</summary>
    public string ConnectionString { get; }

    /// <summary>Creates a database named after <paramref name="purpose"/> plus a random suffix.</summary>
    public static async Task<PostgresTestDatabase> CreateAsync(string purpose)
    {
        var admin = TestEnvironment.PostgresAdminConnectionString;
        // At most 12 + 16 + 1 + 32 = 61 characters, under PostgreSQL's 63-character limit for names.
        var name = $"tariff_test_{Sanitize(purpose)}_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new PostgresTestDatabase(admin, name, builder.ConnectionString);
    }

    /// <summary>A connection string to a database with this server and name that does not exist (yet).</summary>
    public static string ConnectionStringForMissingDatabase(string name) =>
        new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresAdminConnectionString) { Database = name }.ConnectionString;

    /// <summary>Drops a database by name if it exists (for tests that let the product create one).</summary>
    public static async Task DropIfExistsAsync(string name)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.PostgresAdminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>Runs one statement against this database.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The first column of every row a query returns.</summary>
    public async Task<List<T>> QueryColumnAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<T>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static string Sanitize(string purpose) =>
        new([.. purpose.ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c) || c == '_').Take(16)]);
}
