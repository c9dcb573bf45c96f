using System.Text.Json;
using Npgsql;
using Tariff.Engine.Usage;
using Tariff.Platform.Database;
using Tariff.Platform.Usage;

namespace Tariff.Cli.Ingest;

/// <summary>
/// The ceiling for ingest: the same synthetic rows, binary-COPYed straight into an unindexed scratch table of the
/// same server, with no HTTP, no parsing, no deduplication and no partitions. The table is logged like the store's
/// tables: what the server can absorb durably. Loadgen reports it beside its own rate.
/// </summary>
internal static class CopyBaseline
{
    /// <summary>Rows per second over <paramref name="duration"/>, <paramref name="connections"/> COPY streams at once.</summary>
    public static async Task<double> MeasureAsync(string connectionString, TimeSpan duration, int batch, int connections, TimeProvider clock)
    {
        var table = $"tariff_copy_baseline_{Guid.NewGuid():N}";
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (var create = dataSource.CreateCommand($"""
            CREATE TABLE {table} (source text, event_id text, occurred_at timestamptz, consumer text, product text, route text,
                path text, method text, status integer, latency_ms numeric, request_bytes numeric, response_bytes numeric, measures jsonb, dimensions jsonb)
            """))
        {
            await create.ExecuteNonQueryAsync();
        }

        try
        {
            var rows = 0L;
            var started = clock.GetTimestamp();
            await Task.WhenAll(Enumerable.Range(0, connections).Select(worker => Task.Run(async () =>
            {
                var events = Parse(new SyntheticEvents($"copy-{worker}", 200, 0, seed: worker).Batch(batch, clock.GetUtcNow()));
                await using var connection = await dataSource.OpenConnectionAsync();
                while (clock.GetElapsedTime(started) < duration)
                {
                    await CopyAsync(connection, table, events);
                    Interlocked.Add(ref rows, events.Count);
                }
            })));
            return rows / clock.GetElapsedTime(started).TotalSeconds;
        }
        finally
        {
            await using var drop = dataSource.CreateCommand($"DROP TABLE {table}");
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static List<UsageEvent> Parse(byte[] batch)
    {
        using var document = JsonDocument.Parse(batch);
        return [.. document.RootElement.EnumerateArray().Select((e, i) => UsageEventJson.Read(e, $"[{i}]"))];
    }

    private static async Task CopyAsync(NpgsqlConnection connection, string table, List<UsageEvent> events)
    {
        await using var writer = await BinaryCopyWriter.BeginAsync(connection, $"COPY {table} ({UsageEventRows.Columns}) FROM STDIN (FORMAT BINARY)", CancellationToken.None);
        foreach (var usage in events)
        {
            writer.StartRow(UsageEventRows.ColumnCount);
            UsageEventRows.Write(writer, usage);
            await writer.FlushIfFullAsync(CancellationToken.None);
        }

        await writer.CompleteAsync(CancellationToken.None);
    }
}
