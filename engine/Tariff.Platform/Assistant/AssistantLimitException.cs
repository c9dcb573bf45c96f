namespace Tariff.Platform.Assistant;

/// <summary>
/// The tenant has used its share of the assistant for now (<see cref="AssistantOptions.RequestsPerHour"/> or
/// <see cref="AssistantOptions.TokensPerDay"/>); nothing was sent to the provider. <see cref="RetryAfter"/> says when
/// a request will be taken again.
/// </summary>
public sealed class AssistantLimitException : Exception
{
    public AssistantLimitException()
    {
    }

    public AssistantLimitException(string message)
        : base(message)
    {
    }

    public AssistantLimitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AssistantLimitException(string message, TimeSpan retryAfter)
        : base(message) => RetryAfter = retryAfter;

    /// <summary>How long until the limit lets a request through again.</summary>
    public TimeSpan RetryAfter { get; }
}
