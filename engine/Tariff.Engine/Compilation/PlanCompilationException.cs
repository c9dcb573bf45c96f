namespace Tariff.Engine.Compilation;

/// <summary>
/// Generated code failed to compile or used a symbol outside the allow-list. Both mean a bug in the generator, never
/// in the document: the plan had already passed the binder. Carries the plan's name for the report.
/// </summary>
public sealed class PlanCompilationException : Exception
{
    public PlanCompilationException()
    {
    }

    public PlanCompilationException(string message) : base(message)
    {
    }

    public PlanCompilationException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public PlanCompilationException(string plan, string message) : base($"plan `{plan}`: {message}")
    {
        Plan = plan;
    }

    /// <summary>The plan whose generated code failed.</summary>
    public string? Plan { get; }
}
