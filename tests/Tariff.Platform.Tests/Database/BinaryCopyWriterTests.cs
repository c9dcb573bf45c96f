using System.Globalization;
using Npgsql;
using Tariff.Platform.Database;
using Tariff.Testing;

namespace Tariff.Platform.Tests.Database;

/// <summary>
/// Every encoding the binary COPY writer produces, read back by the real server as text: PostgreSQL checks the
/// format (a wrong length or digit fails the COPY) and its text output shows every digit and the scale.
/// </summary>
public sealed class BinaryCopyWriterTests : IAsyncLifetime
{
    private PostgresTestDatabase database = null!;

    public async Task InitializeAsync() => database = await PostgresTestDatabase.CreateAsync("copy");

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Numeric_RandomDecimalsOfEveryScale_ReadBackWithTheirDigitsAndScale()
    {
        var random = new Random(20261121);
        var values = new List<decimal>
        {
            0m, 0.00m, -0.000m, 1m, -1m, 10000m, 9999m, 0.0001m, 0.00001m, 12345.6789m, 1.50m, 100.0m, -0.5m,
            decimal.MaxValue, decimal.MinValue, new(1, 0, 0, false, 28), new(-1, -1, -1, true, 28), 79228162514264337593543950335m,
        };
        for (var i = 0; i < 5_000; i++)
        {
            var bits = random.Next(0, 4) switch { 0 => 1L << 10, 1 => 1L << 31, 2 => long.MaxValue, _ => 1L << 50 };
            var low = (int)random.NextInt64(bits);
            var mid = random.Next(0, 3) == 0 ? random.Next() : 0;
            var high = random.Next(0, 5) == 0 ? random.Next() : 0;
            values.Add(new decimal(low, mid, high, random.Next(2) == 0, (byte)random.Next(0, 29)));
        }

        var stored = await RoundTripAsync("numeric", values, static (writer, value) => writer.Numeric(value));

        Assert.Equal(values.Select(Expected), stored);
    }

    [Fact]
    public async Task EveryOtherKind_ReadsBackExactly()
    {
        var instant = new DateTimeOffset(2026, 3, 29, 1, 59, 59, TimeSpan.FromHours(2)).AddTicks(1_234_567);

        Assert.Equal(["", "plain", "ünïcode \"quoted\" \t tab", null],
            await RoundTripAsync<string?>("text", ["", "plain", "ünïcode \"quoted\" \t tab", null], static (writer, value) => writer.Text(value)));
        Assert.Equal(["-2147483648", "0", "2147483647", null],
            await RoundTripAsync<int?>("integer", [int.MinValue, 0, int.MaxValue, null], static (writer, value) => writer.Int4(value)));
        Assert.Equal(["true", "false"], await RoundTripAsync("boolean", [true, false], static (writer, value) => writer.Boolean(value)));
        // Sub-microsecond ticks are truncated, as Npgsql does.
        Assert.Equal(["2026-03-28 23:59:59.123456+00", "2000-01-01 00:00:00+00", "1999-12-31 23:59:59.999999+00"],
            await RoundTripAsync("timestamptz", [instant, new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(1999, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_990)],
                static (writer, value) => writer.TimestampTz(value)));
        Assert.Equal(["{\"a\": 1.50, \"b\": -2}", null],
            await RoundTripAsync<Dictionary<string, decimal>?>("jsonb", [new() { ["a"] = 1.50m, ["b"] = -2m }, new()], static (writer, value) => writer.Jsonb(value, static (json, name, number) => json.WriteNumber(name, number))));
    }

    [Fact]
    public async Task ManyRows_CrossingTheFlushSize_AllArrive()
    {
        var values = Enumerable.Range(0, 20_000).Select(i => (string?)$"row {i} {new string('x', i % 50)}").ToList();

        Assert.Equal(values, await RoundTripAsync<string?>("text", values, static (writer, value) => writer.Text(value)));
    }

    private static string Expected(decimal value) =>
        value == 0m ? 0m.ToString("F" + value.Scale.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture);

    private async Task<List<string?>> RoundTripAsync<T>(string type, IReadOnlyList<T> values, Action<BinaryCopyWriter, T> write)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using (var setup = new NpgsqlCommand($"SET TIME ZONE 'UTC'; CREATE TEMP TABLE copied (ordinal integer, value {type})", connection))
        {
            await setup.ExecuteNonQueryAsync();
        }

        await using (var writer = await BinaryCopyWriter.BeginAsync(connection, "COPY copied (ordinal, value) FROM STDIN (FORMAT BINARY)", CancellationToken.None))
        {
            for (var i = 0; i < values.Count; i++)
            {
                writer.StartRow(2);
                writer.Int4(i);
                write(writer, values[i]);
                await writer.FlushIfFullAsync(CancellationToken.None);
            }

            await writer.CompleteAsync(CancellationToken.None);
        }

        await using var read = new NpgsqlCommand("SELECT value::text FROM copied ORDER BY ordinal", connection);
        await using var reader = await read.ExecuteReaderAsync();
        var stored = new List<string?>();
        while (await reader.ReadAsync())
        {
            stored.Add(reader.IsDBNull(0) ? null : reader.GetString(0));
        }

        return stored;
    }
}
