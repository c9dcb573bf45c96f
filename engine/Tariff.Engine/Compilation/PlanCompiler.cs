using System.Security.Cryptography;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Tariff.Engine.Binding;
using Tariff.Engine.Evaluation;

namespace Tariff.Engine.Compilation;

/// <summary>
/// Compiles a plan's generated C# with Roslyn against the fewest references that can work (the core library and
/// this engine), checks every symbol it uses against <see cref="SymbolAllowList"/>, and loads it into a collectible
/// context.
/// </summary>
public static class PlanCompiler
{
    private static readonly Lazy<MetadataReference[]> References = new(() =>
    {
        var coreDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return
        [
            MetadataReference.CreateFromFile(typeof(object).Assembly.Location),
            MetadataReference.CreateFromFile(Path.Combine(coreDirectory, "System.Runtime.dll")),
            MetadataReference.CreateFromFile(typeof(PlanCompiler).Assembly.Location),
        ];
    });

    private static readonly CSharpCompilationOptions Options = new(
        OutputKind.DynamicallyLinkedLibrary,
        optimizationLevel: OptimizationLevel.Release,
        allowUnsafe: false,
        // Nullable analysis adds binding time and nothing to generated code, whose nulls are handled by patterns.
        nullableContextOptions: NullableContextOptions.Disable,
        concurrentBuild: true,
        deterministic: true);

    /// <summary>The content hash of a plan's generated code.</summary>
    public static string HashOf(string source) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source)));

    /// <summary>Generates, compiles, checks and loads a plan's code.</summary>
    public static CompiledPlanAssembly Compile(BoundPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var source = CSharpGenerator.Generate(plan);
        return Compile(plan, source, HashOf(source));
    }

    internal static CompiledPlanAssembly Compile(BoundPlan plan, string source, string hash)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest));
        var compilation = CSharpCompilation.Create($"TariffPlan_{hash[..16]}", [tree], References.Value, Options);

        // The allow-list check and the emit both bind the code; on separate cores they take the time of the longer one.
        // Nothing emitted is loaded unless the check passes.
        var check = Task.Run(() => SymbolAllowList.Violations(compilation.GetSemanticModel(tree), tree));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        var violations = check.GetAwaiter().GetResult();
        if (violations.Count > 0)
        {
            throw new PlanCompilationException(plan.Name, $"generated code used symbols outside the allow-list: {string.Join(", ", violations)}");
        }

        if (!emitted.Success)
        {
            var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5).Select(d => d.ToString());
            throw new PlanCompilationException(plan.Name, $"generated code did not compile: {string.Join("; ", errors)}");
        }

        image.Position = 0;
        var context = new PlanLoadContext(PlanLoadContext.NamePrefix + hash[..16]);
        var assembly = context.LoadFromStream(image);
        return new CompiledPlanAssembly(hash, context, assembly, plan.Charges.Count, c => PricingCatalog.Of(plan.Charges[c]).Count);
    }
}
