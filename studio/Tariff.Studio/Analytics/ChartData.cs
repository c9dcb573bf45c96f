namespace Tariff.Studio.Analytics;

/// <summary>
/// What <c>charts.js</c> draws on a canvas: Chart.js's type, labels and series, with the labels already formatted
/// by the server (so the browser needs no date library).
/// </summary>
public sealed record ChartData(string Type, IReadOnlyList<string> Labels, IReadOnlyList<ChartSeries> Datasets);
