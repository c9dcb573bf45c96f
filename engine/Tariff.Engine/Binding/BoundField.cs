using Tariff.Engine.Usage;

namespace Tariff.Engine.Binding;

/// <summary>A resolved event field: what it reads and whether it holds numbers or text.</summary>
/// <param name="Path">The field as written (<c>measures.tokens</c>).</param>
/// <param name="Field">The part of the event.</param>
/// <param name="Key">The measure's or dimension's name.</param>
public sealed record BoundField(string Path, EventField Field, string? Key)
{
    /// <summary>True for numeric fields (status, sizes, latency, measures); false for text.</summary>
    public bool IsNumeric => Field is EventField.Status or EventField.LatencyMs or EventField.RequestBytes
        or EventField.ResponseBytes or EventField.Measure;

    /// <summary>The field's number in an event, or null when the event lacks it.</summary>
    public decimal? Number(UsageEvent usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        return Field switch
        {
            EventField.Status => usage.Status,
            EventField.LatencyMs => usage.LatencyMs,
            EventField.RequestBytes => usage.RequestBytes,
            EventField.ResponseBytes => usage.ResponseBytes,
            EventField.Measure => usage.Measures is { } measures && measures.TryGetValue(Key!, out var value) ? value : null,
            _ => null,
        };
    }

    /// <summary>The field's text in an event (numbers in invariant form), or null when the event lacks it.</summary>
    public string? Text(UsageEvent usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        return Field switch
        {
            EventField.Consumer => usage.Consumer,
            EventField.Product => usage.Product,
            EventField.Route => usage.Route,
            EventField.Path => usage.Path,
            EventField.Method => usage.Method,
            EventField.Dimension => usage.Dimensions is { } dimensions && dimensions.TryGetValue(Key!, out var value) ? value : null,
            _ => Number(usage)?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
