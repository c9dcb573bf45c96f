using Tariff.Engine.Compilation;
using Tariff.Engine.Rating;

namespace Tariff.Cli.Commands;

/// <summary><c>tariff test FILE...</c>: runs the examples embedded in plans.</summary>
internal static class TestCommand
{
    public static int Run(IReadOnlyList<string> paths, TextWriter output, TextWriter error)
    {
        if (paths.Count == 0)
        {
            error.WriteLine("usage: tariff test FILE...");
            return ExitCodes.Usage;
        }

        var (passed, failed, broken) = (0, 0, false);
        foreach (var path in paths)
        {
            if (DocumentFiles.Bind(path, error) is not { } document)
            {
                broken = true;
                continue;
            }

            foreach (var outcome in document.Plans.SelectMany(plan => ExampleRunner.Run(CompiledRatingEngine.Compile(plan))))
            {
                var name = $"{outcome.Plan} / \"{outcome.Example}\"";
                if (outcome.Passed)
                {
                    passed++;
                    output.WriteLine($"PASS {name}: {outcome.Actual}");
                }
                else
                {
                    failed++;
                    output.WriteLine($"{path}({outcome.Span.Start}): FAIL {name}: expected {outcome.Expected}, got {outcome.Actual}");
                }
            }
        }

        output.WriteLine($"examples: {passed} passed, {failed} failed");
        return broken || failed > 0 ? ExitCodes.Failure : ExitCodes.Success;
    }
}
