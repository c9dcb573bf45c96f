using Tariff.Engine.Binding;

namespace Tariff.Engine.Tests;

/// <summary>Documents and folders the engine tests share.</summary>
internal static class TestDocuments
{
    public static string CasesFolder => Path.Combine(Tariff.Testing.TestEnvironment.RepositoryRoot, "tests", "cases");

    public static string FullPlan => File.ReadAllText(Path.Combine(CasesFolder, "golden", "full-plan.tariff"));

    /// <summary>Every valid .tariff file under tests/cases (the diagnostics corpus holds the invalid ones).</summary>
    public static IEnumerable<string> ValidCaseFiles() =>
        Directory.EnumerateFiles(CasesFolder, "*.tariff", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}diagnostics{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    /// <summary>Binds text that must be valid, failing with its diagnostics otherwise.</summary>
    public static BoundDocument Bind(string text)
    {
        var result = Binder.Check(text);
        Assert.True(result.Document is not null, string.Join("\n", result.Diagnostics.Select(d => d.Format("doc"))));
        return result.Document!;
    }
}
