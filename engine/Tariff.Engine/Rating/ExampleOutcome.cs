using Tariff.Engine.Text;

namespace Tariff.Engine.Rating;

/// <summary>The result of one embedded example: what it expected and what the plan gives.</summary>
public sealed record ExampleOutcome(string Plan, string Example, decimal Expected, decimal Actual, SourceSpan Span)
{
    /// <summary>True when the plan gives exactly the expected total.</summary>
    public bool Passed => Expected == Actual;
}
