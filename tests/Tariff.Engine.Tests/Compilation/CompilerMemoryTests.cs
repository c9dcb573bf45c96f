using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using Tariff.Engine.Compilation;

namespace Tariff.Engine.Tests.Compilation;

/// <summary>Alone, so that no other test compiles plans while this one counts the plan assemblies still loaded.</summary>
[CollectionDefinition(nameof(CompilerMemoryTests), DisableParallelization = true)]
public sealed class CompilerMemoryIsolation;

[Collection(nameof(CompilerMemoryTests))]
public sealed class CompilerMemoryTests
{
    [Fact]
    public void Cache_AThousandSuccessiveVersionsOfAPlan_LeaveOnlyAHandfulOfPlanAssembliesLoaded()
    {
        var cache = new CompiledPlanCache();

        CompileVersions(cache, 1_000);
        var loaded = LoadedPlanContexts();
        for (var i = 0; i < 10 && loaded > 5; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            loaded = LoadedPlanContexts();
        }

        Assert.Equal(1, cache.LoadedCount);
        Assert.InRange(loaded, 1, 5);
    }

    // In its own method, so that no local keeps the last engines (and their code) reachable while collecting.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void CompileVersions(CompiledPlanCache cache, int versions)
    {
        for (var version = 1; version <= versions; version++)
        {
            var price = (version / 1000m).ToString(CultureInfo.InvariantCulture);
            var plan = TestDocuments.Bind($"meter m {{ count where status >= {version} }}\nplan p {{ currency USD charge m {{ per unit {price} }} }}").Plans[0];
            var engine = cache.Get("tenant/plan", plan);
            Assert.Equal(version / 1000m, engine.Price(0, 0, 1m, []));
        }
    }

    private static int LoadedPlanContexts() =>
        AssemblyLoadContext.All.Count(c => c.Name?.StartsWith("tariff-plan-", StringComparison.Ordinal) == true);
}
