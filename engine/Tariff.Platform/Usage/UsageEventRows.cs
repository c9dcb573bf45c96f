using Npgsql;
using NpgsqlTypes;
using Tariff.Engine.Usage;

namespace Tariff.Platform.Usage;

/// <summary>
/// An event as a row of a binary COPY, column by column in the order of <see cref="Columns"/>: what the PostgreSQL
/// store copies into its staging table, and what loadgen's raw COPY baseline copies, so that both move the same rows.
/// </summary>
public static class UsageEventRows
{
    /// <summary>The columns <see cref="Write"/> fills, in order.</summary>
    public const string Columns =
        "source, event_id, occurred_at, consumer, product, route, path, method, status, latency_ms, request_bytes, response_bytes, measures, dimensions";

    // Synchronous writes: they only fill Npgsql's buffer (flushing to the socket when full), and an awaited call per
    // value cost more than the values themselves at 14,000 values a batch.
    public static void Write(NpgsqlBinaryImporter writer, UsageEvent usage, JsonText json)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(usage);
        ArgumentNullException.ThrowIfNull(json);
        writer.Write(usage.Source ?? string.Empty, NpgsqlDbType.Text);
        writer.Write(usage.Id, NpgsqlDbType.Text);
        writer.Write(usage.Timestamp.ToUniversalTime(), NpgsqlDbType.TimestampTz);
        writer.Write(usage.Consumer, NpgsqlDbType.Text);
        Text(writer, usage.Product);
        Text(writer, usage.Route);
        Text(writer, usage.Path);
        Text(writer, usage.Method);
        Nullable(writer, usage.Status, NpgsqlDbType.Integer);
        Nullable(writer, usage.LatencyMs, NpgsqlDbType.Numeric);
        Nullable(writer, usage.RequestBytes, NpgsqlDbType.Numeric);
        Nullable(writer, usage.ResponseBytes, NpgsqlDbType.Numeric);
        Text(writer, json.Of(usage.Measures), NpgsqlDbType.Jsonb);
        Text(writer, json.Of(usage.Dimensions), NpgsqlDbType.Jsonb);
    }

    private static void Text(NpgsqlBinaryImporter writer, string? value, NpgsqlDbType type = NpgsqlDbType.Text)
    {
        if (value is null)
        {
            writer.WriteNull();
        }
        else
        {
            writer.Write(value, type);
        }
    }

    private static void Nullable<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type)
        where T : struct
    {
        if (value is { } present)
        {
            writer.Write(present, type);
        }
        else
        {
            writer.WriteNull();
        }
    }
}
