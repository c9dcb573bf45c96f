using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/Tariff.Benchmarks -- --filter '*'   (see docs/benchmarks.md)
// dotnet run -c Release --project tests/Tariff.Benchmarks -- entitlements   (needs TARIFF_TEST_POSTGRES)
// dotnet run -c Release --project tests/Tariff.Benchmarks -- consumer-search   (needs TARIFF_TEST_POSTGRES)
if (args is ["entitlements", ..])
{
    await Tariff.Benchmarks.EntitlementLatency.RunAsync();
    return;
}

if (args is ["consumer-search", ..])
{
    await Tariff.Benchmarks.ConsumerSearchLatency.RunAsync();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Tariff.Benchmarks.MeterBenchmarks).Assembly).Run(args);
