using System.Globalization;
using System.Text.Json;
using Tariff.Cli.Ingest;

namespace Tariff.Cli.Commands;

/// <summary>
/// <c>tariff loadgen</c>: sends synthetic events to a running server at a steady rate for a while, then reports
/// what was acknowledged per second and the acknowledgement latency percentiles. Batches are scheduled on a fixed
/// timetable (open loop), so a slow server shows as latency and a shortfall in rate rather than being hidden.
/// </summary>
internal static class LoadgenCommand
{
    public const string Usage = "usage: tariff loadgen [--url URL] [--key KEY] [--rate EVENTS_PER_SECOND] [--duration SECONDS] [--batch EVENTS] [--consumers N] [--duplicates SHARE] [--connections N] [--copy-baseline POSTGRES_CONNECTION_STRING] [--json]";

    private static readonly string[] Known = ["--rate", "--duration", "--batch", "--consumers", "--duplicates", "--connections", "--copy-baseline"];

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        string? problem = null;
        var options = ServerOptions.Parse(args, Known, out problem);
        var rate = options?.Number("--rate", 50_000, 1, 10_000_000, ref problem);
        var duration = options?.Number("--duration", 60, 0.1, 86_400, ref problem);
        var batch = options?.Number("--batch", 1_000, 1, 100_000, ref problem);
        var consumers = options?.Number("--consumers", 200, 1, 1_000_000, ref problem);
        var duplicates = options?.Number("--duplicates", 0.10, 0, 0.99, ref problem);
        var connections = options?.Number("--connections", 8, 1, 1_000, ref problem);
        if (options is null || problem is not null || options.Positional.Count > 0 || options.Key is null)
        {
            error.WriteLine(problem ?? (options?.Key is null ? "no API key: pass --key or set TARIFF_API_KEY" : "loadgen takes no file arguments"));
            error.WriteLine(Usage);
            return ExitCodes.Usage;
        }

        var settings = new Settings(options.Server, options.Key, rate!.Value, TimeSpan.FromSeconds(duration!.Value), (int)batch!.Value,
            (int)consumers!.Value, duplicates!.Value, (int)connections!.Value);
        var clock = TimeProvider.System;
        var report = RunAsync(settings, clock).GetAwaiter().GetResult();
        if (options.Text("--copy-baseline") is { } baseline)
        {
            // Measured after the load, on the same server, for the same time, with the same rows and batch size.
            report = report with { CopyBaselinePerSecond = CopyBaseline.MeasureAsync(baseline, settings.Duration, settings.Batch, 4, clock).GetAwaiter().GetResult() };
        }

        if (options.Json)
        {
            output.WriteLine(JsonSerializer.Serialize(report, Indented));
        }
        else
        {
            output.WriteLine(report.Describe());
        }

        return report.Errors == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static async Task<LoadReport> RunAsync(Settings settings, TimeProvider clock)
    {
        using var client = IngestClient.Create(settings.Server, settings.Key, settings.Connections, clock);
        var interval = TimeSpan.FromSeconds(settings.Batch / settings.Rate);
        var batches = (long)Math.Max(1, Math.Floor(settings.Duration / interval));
        var run = Guid.NewGuid().ToString("N")[..8];
        var next = -1L;
        var results = new List<BatchResult>();
        var started = clock.GetTimestamp();
        var workers = Enumerable.Range(0, settings.Connections).Select(worker => Task.Run(async () =>
        {
            var events = new SyntheticEvents($"{run}-{worker}", settings.Consumers, settings.Duplicates, seed: worker);
            var mine = new List<BatchResult>();
            long k;
            while ((k = Interlocked.Increment(ref next)) < batches)
            {
                var due = interval * k - clock.GetElapsedTime(started);
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, clock);
                }

                var body = events.Batch(settings.Batch, clock.GetUtcNow());
                try
                {
                    mine.Add(await client.SendAsync("api/v1/events", "application/json", body, CancellationToken.None));
                }
                catch (HttpRequestException exception)
                {
                    mine.Add(new BatchResult(0, 0, 0, 0, TimeSpan.Zero, exception.Message, []));
                }
            }

            lock (results)
            {
                results.AddRange(mine);
            }
        })).ToList();
        await Task.WhenAll(workers);
        return LoadReport.Of(settings, results, clock.GetElapsedTime(started));
    }

    internal sealed record Settings(Uri Server, string Key, double Rate, TimeSpan Duration, int Batch, int Consumers, double Duplicates, int Connections);

    /// <summary>The load generator's findings.</summary>
    internal sealed record LoadReport(
        long Batches, long Events, long Accepted, long Duplicates, long Rejected, long Throttled, long Errors, double Seconds,
        double AcceptedPerSecond, double AcknowledgedPerSecond, double P50Ms, double P90Ms, double P99Ms, double MaxMs, string? FirstError,
        double? CopyBaselinePerSecond = null)
    {
        public static LoadReport Of(Settings settings, List<BatchResult> results, TimeSpan elapsed)
        {
            var answered = results.Where(r => r.Error is null).Select(r => r.Latency.TotalMilliseconds).Order().ToList();
            double Percentile(double p) => answered.Count == 0 ? 0 : answered[Math.Min(answered.Count - 1, (int)Math.Ceiling(p * answered.Count) - 1)];
            var accepted = results.Sum(r => (long)r.Accepted);
            var duplicates = results.Sum(r => (long)r.Duplicates);
            return new LoadReport(results.Count, (long)results.Count * settings.Batch, accepted, duplicates, results.Sum(r => (long)r.Rejected),
                results.Sum(r => (long)r.Throttled), results.Count(r => r.Error is not null), elapsed.TotalSeconds,
                accepted / elapsed.TotalSeconds, (accepted + duplicates) / elapsed.TotalSeconds,
                Percentile(0.50), Percentile(0.90), Percentile(0.99), answered.Count == 0 ? 0 : answered[^1],
                results.FirstOrDefault(r => r.Error is not null)?.Error);
        }

        public string Describe() => string.Create(CultureInfo.InvariantCulture, $"""
            batches {Batches:N0}, events {Events:N0} in {Seconds:F1} s
            accepted {Accepted:N0} ({AcceptedPerSecond:N0}/s), duplicates {Duplicates:N0}, rejected {Rejected:N0}; acknowledged {AcknowledgedPerSecond:N0} events/s
            acknowledgement latency: p50 {P50Ms:F1} ms, p90 {P90Ms:F1} ms, p99 {P99Ms:F1} ms, max {MaxMs:F1} ms
            throttled (429, sent again) {Throttled:N0}, failed batches {Errors:N0}{(FirstError is null ? string.Empty : $": {FirstError}")}
            {(CopyBaselinePerSecond is { } copy ? $"raw binary COPY of the same rows into the same server (4 streams): {copy:N0} rows/s; ingest acknowledged {AcknowledgedPerSecond / copy:P0} of it" : "raw COPY baseline: not measured (--copy-baseline CONNECTION_STRING)")}
            """);
    }
}
