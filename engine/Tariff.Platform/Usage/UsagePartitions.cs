using System.Collections.Concurrent;
using System.Globalization;
using Npgsql;

namespace Tariff.Platform.Usage;

/// <summary>
/// Creates the monthly partitions of <c>usage_events</c> as months first appear, each in its own short transaction
/// under an advisory lock (so that two instances never race on one), and remembers which exist.
/// </summary>
public sealed class UsagePartitions(NpgsqlDataSource dataSource)
{
    // Any fixed number: the advisory lock that serialises partition creation across instances.
    private const long PartitionLock = 0x7461_7269_6666_0001;

    private readonly ConcurrentDictionary<DateOnly, bool> known = new();

    /// <summary>The partition table of a month (its first day, UTC).</summary>
    public static string TableOf(DateOnly month) => string.Create(CultureInfo.InvariantCulture, $"usage_events_{month.Year:D4}_{month.Month:D2}");

    /// <summary>Makes sure the partitions for these instants exist.</summary>
    public async Task EnsureAsync(IEnumerable<DateTimeOffset> instants, CancellationToken cancellationToken = default)
    {
        var missing = instants.Select(MonthOf).Distinct().Where(month => !known.ContainsKey(month)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({PartitionLock})", connection, transaction))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var month in missing)
        {
            var next = month.AddMonths(1);
            // Only numbers reach this statement: the table name and bounds come from a DateOnly.
            var sql = string.Create(CultureInfo.InvariantCulture,
                $"CREATE TABLE IF NOT EXISTS {TableOf(month)} PARTITION OF usage_events FOR VALUES FROM ('{month:yyyy-MM-dd} 00:00:00+00') TO ('{next:yyyy-MM-dd} 00:00:00+00')");
            await using var create = new NpgsqlCommand(sql, connection, transaction);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        foreach (var month in missing)
        {
            known[month] = true;
        }
    }

    private static DateOnly MonthOf(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        return new DateOnly(utc.Year, utc.Month, 1);
    }
}
