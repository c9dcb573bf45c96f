using Npgsql;

namespace Tariff.Platform.Database;

/// <summary>Runs a query and turns each row into a value: the loop every reader of the platform needs.</summary>
internal static class NpgsqlQueries
{
    /// <summary>Every row of <paramref name="command"/>, mapped by <paramref name="read"/>, in the query's order.</summary>
    public static async Task<List<T>> ListAsync<T>(this NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>Runs <paramref name="sql"/> with positional parameters <c>$1</c>, <c>$2</c>, … bound to <paramref name="values"/>.</summary>
    public static async Task<List<T>> ListAsync<T>(this NpgsqlDataSource dataSource, string sql, Func<NpgsqlDataReader, T> read,
        CancellationToken cancellationToken, params object[] values)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return await command.ListAsync(read, cancellationToken);
    }

    /// <summary>The single <c>count(*)</c> that <paramref name="sql"/> selects, with positional parameters bound to <paramref name="values"/>.</summary>
    public static async Task<int> CountAsync(this NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken, params object[] values) =>
        (int)(await dataSource.ListAsync(sql, r => r.GetInt64(0), cancellationToken, values)).Single();

    /// <summary>
    /// A parameter value for <c>ILIKE</c> that matches <paramref name="text"/> anywhere, its own <c>%</c>, <c>_</c> and
    /// <c>\</c> taken literally; <see cref="DBNull"/> when there is nothing to match, for <c>$n::text IS NULL OR …</c>.
    /// </summary>
    public static object Containing(string? text) =>
        string.IsNullOrWhiteSpace(text) ? DBNull.Value
        : "%" + text.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal) + "%";

    /// <summary>Executes <paramref name="sql"/> with positional parameters bound to <paramref name="values"/>; the rows it changed.</summary>
    public static async Task<int> ExecuteAsync(this NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Runs <paramref name="sql"/> inside <paramref name="transaction"/>, with positional parameters bound to <paramref name="values"/>.</summary>
    public static async Task<List<T>> ListAsync<T>(this NpgsqlTransaction transaction, string sql, Func<NpgsqlDataReader, T> read,
        CancellationToken cancellationToken, params object[] values)
    {
        await using var command = Command(transaction, sql, values);
        return await command.ListAsync(read, cancellationToken);
    }

    /// <summary>Executes <paramref name="sql"/> inside <paramref name="transaction"/>; the rows it changed.</summary>
    public static async Task<int> ExecuteAsync(this NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = Command(transaction, sql, values);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction of its own and commits it when the work returns: for a change
    /// and its audit record, which must land together or not at all.
    /// </summary>
    public static async Task<T> InTransactionAsync<T>(this NpgsqlDataSource dataSource, Func<NpgsqlTransaction, Task<T>> work,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var result = await work(transaction);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>A statement of a batch with positional parameters <c>$1</c>, <c>$2</c>, … bound to <paramref name="values"/>.</summary>
    public static NpgsqlBatchCommand BatchCommand(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    private static NpgsqlCommand Command(NpgsqlTransaction transaction, string sql, object[] values)
    {
        var command = new NpgsqlCommand(sql, transaction.Connection, transaction);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
