using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/Tariff.Benchmarks -- --filter '*'   (see docs/benchmarks.md)
BenchmarkSwitcher.FromAssembly(typeof(Tariff.Benchmarks.MeterBenchmarks).Assembly).Run(args);
