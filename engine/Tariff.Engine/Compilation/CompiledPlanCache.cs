using System.Runtime.CompilerServices;
using Tariff.Engine.Binding;

namespace Tariff.Engine.Compilation;

/// <summary>
/// Compiled plans by content hash, so that a plan is compiled once however often it is rated, and plans with the
/// same code share it. Each plan key (a tenant's plan, say) holds one version; when a key moves to new code, the
/// old code is unloaded as soon as no other key uses it. Thread-safe.
/// </summary>
public sealed class CompiledPlanCache
{
    private readonly Lock gate = new();

    // Generating and hashing a plan's code costs more than the lookup it serves; a bound plan never changes, so each
    // instance is generated once, and forgotten with it.
    private readonly ConditionalWeakTable<BoundPlan, Tuple<string, string>> sources = new();
    private readonly Dictionary<string, string> hashByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (CompiledPlanAssembly Code, int Users)> codeByHash = new(StringComparer.Ordinal);

    /// <summary>How many distinct compiled assemblies the cache holds.</summary>
    public int LoadedCount
    {
        get
        {
            lock (gate)
            {
                return codeByHash.Count;
            }
        }
    }

    /// <summary>An engine for <paramref name="plan"/> under <paramref name="key"/>, compiling only when its code changed.</summary>
    public CompiledRatingEngine Get(string key, BoundPlan plan)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(plan);
        var (source, hash) = sources.GetValue(plan, p =>
        {
            var code = CSharpGenerator.Generate(p);
            return Tuple.Create(code, PlanCompiler.HashOf(code));
        });
        lock (gate)
        {
            if (hashByKey.TryGetValue(key, out var current) && current == hash)
            {
                return new CompiledRatingEngine(plan, codeByHash[hash].Code);
            }

            if (!codeByHash.TryGetValue(hash, out var entry))
            {
                // Compiling under the lock keeps one compilation per hash; compilations take milliseconds.
                entry = (PlanCompiler.Compile(plan, source, hash), 0);
            }

            codeByHash[hash] = (entry.Code, entry.Users + 1);
            if (current is not null)
            {
                Release(current);
            }

            hashByKey[key] = hash;
            return new CompiledRatingEngine(plan, entry.Code);
        }
    }

    /// <summary>Forgets a key (a plan deleted); its code unloads when no other key uses it.</summary>
    public void Remove(string key)
    {
        lock (gate)
        {
            if (hashByKey.Remove(key, out var hash))
            {
                Release(hash);
            }
        }
    }

    private void Release(string hash)
    {
        var (code, users) = codeByHash[hash];
        if (users > 1)
        {
            codeByHash[hash] = (code, users - 1);
            return;
        }

        codeByHash.Remove(hash);
        code.Unload();
    }
}
