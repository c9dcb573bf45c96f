using Npgsql;

namespace Tariff.Platform.Metering;

/// <summary>
/// A PostgreSQL advisory lock per tenant that keeps reconciliation from reading the store between an append and its
/// counter update. Appends take it shared (they merge freely with each other); a reconciliation takes it exclusive,
/// so when it reads the store every stored event is also counted, and whatever it writes is not followed by a merge
/// of events it already read. It spans every instance of a cluster, and a crashed holder releases it with its session.
/// </summary>
public sealed class CounterLocks(NpgsqlDataSource dataSource)
{
    // The lock space of this feature, so that other advisory locks of the same database cannot collide with it.
    private const int LockClass = 0x54524331;

    /// <summary>Holds the tenant's lock in shared mode until disposed.</summary>
    public Task<IAsyncDisposable> SharedAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        HoldAsync(tenantId, "pg_advisory_lock_shared", "pg_advisory_unlock_shared", cancellationToken);

    /// <summary>Holds the tenant's lock exclusively until disposed: no append of the tenant is between commit and count.</summary>
    public Task<IAsyncDisposable> ExclusiveAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        HoldAsync(tenantId, "pg_advisory_lock", "pg_advisory_unlock", cancellationToken);

    private async Task<IAsyncDisposable> HoldAsync(Guid tenantId, string take, string release, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand($"SELECT {take}($1, $2)", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = LockClass });
            command.Parameters.Add(new NpgsqlParameter { Value = KeyOf(tenantId) });
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new Held(connection, release, KeyOf(tenantId));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static int KeyOf(Guid tenantId)
    {
        Span<byte> bytes = stackalloc byte[16];
        tenantId.TryWriteBytes(bytes);
        return BitConverter.ToInt32(bytes[..4]) ^ BitConverter.ToInt32(bytes[4..8]) ^ BitConverter.ToInt32(bytes[8..12]) ^ BitConverter.ToInt32(bytes[12..]);
    }

    private sealed class Held(NpgsqlConnection connection, string release, int key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            // Should the unlock fail, the session is broken, and a broken session holds no lock.
            await using (connection)
            {
                await using var command = new NpgsqlCommand($"SELECT {release}($1, $2)", connection);
                command.Parameters.Add(new NpgsqlParameter { Value = LockClass });
                command.Parameters.Add(new NpgsqlParameter { Value = key });
                await command.ExecuteNonQueryAsync();
            }
        }
    }
}
