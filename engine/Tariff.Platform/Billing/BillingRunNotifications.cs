using Npgsql;

namespace Tariff.Platform.Billing;

/// <summary>
/// A billing run that finishes says so on PostgreSQL's <c>billing_run_finished</c> channel (in the statement that
/// records its end), so that anyone on the database, on any node, can wait for a run instead of polling for it.
/// </summary>
public static class BillingRunNotifications
{
    public const string Channel = "billing_run_finished";

    /// <summary>
    /// Evaluates <paramref name="check"/> now and again after every run that finishes, until it gives a value. The
    /// channel is listened to before the first check, so a run finishing in between is not missed.
    /// </summary>
    public static async Task<T> WaitAsync<T>(NpgsqlDataSource dataSource, Func<CancellationToken, Task<T?>> check, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(check);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(cancellationToken);
        }

        while (true)
        {
            if (await check(cancellationToken) is { } value)
            {
                return value;
            }

            await connection.WaitAsync(cancellationToken);
        }
    }
}
