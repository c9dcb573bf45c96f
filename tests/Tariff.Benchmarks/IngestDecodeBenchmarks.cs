using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Tariff.Cli.Ingest;
using Tariff.Platform.Ingest;

namespace Tariff.Benchmarks;

/// <summary>
/// What the ingest API spends on a batch of 1,000 events before storing it: the load generator's own batches (10%
/// re-sends) decoded as canonical events, then checked. The baseline is parsing the same body into a JsonDocument,
/// which any decoder built on it pays.
/// </summary>
[MemoryDiagnoser]
public class IngestDecodeBenchmarks
{
    private const int BatchSize = 1_000;
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private readonly CanonicalJsonDecoder decoder = new();
    private readonly IngestOptions options = new();
    private ReadOnlyMemory<byte> body;

    [GlobalSetup]
    public void Setup()
    {
        body = new SyntheticEvents("bench", consumers: 500, duplicateShare: 0.1, seed: 7).Batch(BatchSize, Now);
        if (Decode() != BatchSize)
        {
            throw new InvalidOperationException("Some synthetic events were refused.");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = BatchSize)]
    public int ParseOnly()
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetArrayLength();
    }

    [Benchmark(OperationsPerInvoke = BatchSize)]
    public int Decode()
    {
        var valid = 0;
        var decoded = decoder.Decode(body, Now);
        for (var i = 0; i < decoded.Count; i++)
        {
            if (decoded[i].Event is { } usage && EventValidator.Check(usage, i, Now, options) is null)
            {
                valid++;
            }
        }

        return valid;
    }
}
