using System.Reflection;
using System.Runtime.Loader;

namespace Tariff.Engine.Compilation;

/// <summary>
/// A collectible load context holding one compiled plan assembly. Everything else (the engine, the runtime) resolves
/// from the default context, so that unloading drops only the plan's code.
/// </summary>
internal sealed class PlanLoadContext(string name) : AssemblyLoadContext(name, isCollectible: true)
{
    /// <summary>The prefix of every plan context's name, so that tests can count the ones still alive.</summary>
    public const string NamePrefix = "tariff-plan-";

    protected override Assembly? Load(AssemblyName assemblyName) => null;
}
