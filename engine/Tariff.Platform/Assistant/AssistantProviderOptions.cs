namespace Tariff.Platform.Assistant;

/// <summary>
/// One OpenAI-compatible chat-completions endpoint: OpenAI, DeepSeek, Groq, Gemini's compatible endpoint, or a local
/// server such as Ollama or vLLM. The key comes from configuration or an environment variable; it is never stored
/// in the database or shown.
/// </summary>
public sealed class AssistantProviderOptions
{
    /// <summary>How people pick it in the studio (<c>openai</c>, <c>local</c>, …).</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The API's base address, up to and including the version (<c>https://api.openai.com/v1</c>, <c>http://127.0.0.1:11434/v1</c>).</summary>
    public string Endpoint { get; set; } = string.Empty;

    /// <summary>The model to ask (<c>gpt-4.1</c>, <c>deepseek-chat</c>, <c>llama3.1</c>, …).</summary>
    public string Model { get; set; } = string.Empty;

    /// <summary>The API key itself; prefer <see cref="ApiKeyVariable"/> so that it stays out of files.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The environment variable holding the API key (<c>OPENAI_API_KEY</c>).</summary>
    public string? ApiKeyVariable { get; set; }

    /// <summary>The key to send: local servers take none, but the client requires one, so a placeholder goes instead.</summary>
    public string ResolveKey() =>
        ApiKey is { Length: > 0 } key ? key
        : ApiKeyVariable is { Length: > 0 } variable && Environment.GetEnvironmentVariable(variable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : "none";

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new InvalidOperationException($"{AssistantOptions.Section}:Providers: every provider needs a Name.");
        }

        if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException($"{AssistantOptions.Section}:Providers '{Name}': Endpoint '{Endpoint}' is not an http(s) address.");
        }

        if (string.IsNullOrWhiteSpace(Model))
        {
            throw new InvalidOperationException($"{AssistantOptions.Section}:Providers '{Name}': Model is required.");
        }
    }
}
