namespace Tariff.Platform.Assistant;

/// <summary>The model provider could not give an answer: unreachable, refused the key, over its rate limit, or too slow.</summary>
public sealed class AssistantUnavailableException : Exception
{
    public AssistantUnavailableException(string provider, int? status, string message)
        : base($"The assistant's provider '{provider}' {(status is { } code and > 0 ? $"answered HTTP {code}: " : string.Empty)}{message}")
    {
        Provider = provider;
        Status = status;
    }

    public AssistantUnavailableException()
        : this("unknown", null, "failed.")
    {
    }

    public AssistantUnavailableException(string message)
        : base(message)
    {
        Provider = "unknown";
    }

    public AssistantUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
        Provider = "unknown";
    }

    public string Provider { get; }

    /// <summary>False when there was no provider to ask at all: the installation must configure one.</summary>
    public bool ProviderConfigured { get; private init; } = true;

    /// <summary>No provider is configured; <paramref name="message"/> says how to add one.</summary>
    public static AssistantUnavailableException NoProvider(string message) => new(message) { ProviderConfigured = false };

    /// <summary>The provider's HTTP status, when it answered at all.</summary>
    public int? Status { get; }
}
