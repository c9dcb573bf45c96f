namespace Tariff.Studio.Analytics;

/// <summary>One series of a chart. Values are for drawing only; the tables beside a chart show the exact decimals.</summary>
public sealed record ChartSeries(string Label, IReadOnlyList<decimal> Data);
