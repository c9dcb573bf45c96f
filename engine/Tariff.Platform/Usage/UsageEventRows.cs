using Tariff.Engine.Usage;
using Tariff.Platform.Database;

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

    /// <summary>How many columns <see cref="Write"/> fills.</summary>
    public const short ColumnCount = 14;

    public static void Write(BinaryCopyWriter writer, UsageEvent usage)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(usage);
        writer.Text(usage.Source ?? string.Empty);
        writer.Text(usage.Id);
        writer.TimestampTz(usage.Timestamp);
        writer.Text(usage.Consumer);
        writer.Text(usage.Product);
        writer.Text(usage.Route);
        writer.Text(usage.Path);
        writer.Text(usage.Method);
        writer.Int4(usage.Status);
        writer.Numeric(usage.LatencyMs);
        writer.Numeric(usage.RequestBytes);
        writer.Numeric(usage.ResponseBytes);
        writer.Jsonb(usage.Measures, static (json, name, value) => json.WriteNumber(name, value));
        writer.Jsonb(usage.Dimensions, static (json, name, value) => json.WriteString(name, value));
    }
}
