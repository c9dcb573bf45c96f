using System.Diagnostics;
using System.Globalization;

namespace Tariff.Benchmarks;

/// <summary>
/// Per-call latency for the harnesses that time database calls one by one (BenchmarkDotNet's percentiles are of
/// iteration means): warm-up, sorted samples, and a Markdown row of percentiles for docs/benchmarks.md.
/// </summary>
public static class LatencySamples
{
    public const string Header = "| measurement | calls | p50 | p90 | p99 | max |\n|---|---:|---:|---:|---:|---:|";

    /// <summary>Makes <paramref name="warmUp"/> untimed calls, then times <paramref name="calls"/>; the samples in ms, sorted.</summary>
    public static async Task<double[]> MeasureAsync(Func<Task> call, int calls, int warmUp)
    {
        for (var i = 0; i < warmUp; i++)
        {
            await call();
        }

        var samples = new double[calls];
        for (var i = 0; i < calls; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await call();
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(samples);
        return samples;
    }

    public static string Row(string name, double[] sorted) => string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {sorted.Length:N0} | {At(sorted, 0.50):0.000} ms | {At(sorted, 0.90):0.000} ms | {At(sorted, 0.99):0.000} ms | {sorted[^1]:0.000} ms |");

    private static double At(double[] sorted, double quantile) => sorted[(int)Math.Ceiling(quantile * sorted.Length) - 1];
}
