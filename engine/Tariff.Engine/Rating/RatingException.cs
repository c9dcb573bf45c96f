using Tariff.Engine.Text;

namespace Tariff.Engine.Rating;

/// <summary>
/// Rating failed at run time: an amount beyond what a decimal holds (about 7.9e28). Carries the plan and the span
/// of the charge that failed, so that the message points at the pricing to fix.
/// </summary>
public sealed class RatingException : Exception
{
    public RatingException()
    {
    }

    public RatingException(string message) : base(message)
    {
    }

    public RatingException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public RatingException(string plan, string meter, SourceSpan span, Exception innerException)
        : base($"plan `{plan}`, charge on `{meter}` ({span.Start}): the amount is too large for a decimal: {innerException?.Message}", innerException)
    {
        Plan = plan;
        Meter = meter;
        Span = span;
    }

    /// <summary>The plan being rated.</summary>
    public string? Plan { get; }

    /// <summary>The meter of the charge that failed.</summary>
    public string? Meter { get; }

    /// <summary>Where that charge is written.</summary>
    public SourceSpan Span { get; }
}
