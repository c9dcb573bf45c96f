namespace Tariff.Engine.Binding;

/// <summary>Which part of a <see cref="Usage.UsageEvent"/> a field reads.</summary>
public enum EventField
{
    Consumer,
    Product,
    Route,
    Path,
    Method,
    Status,
    LatencyMs,
    RequestBytes,
    ResponseBytes,
    Measure,
    Dimension,
}
