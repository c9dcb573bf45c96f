using System.ClientModel;
using System.Collections.Concurrent;
using OpenAI;
using OpenAI.Chat;

namespace Tariff.Platform.Assistant;

/// <summary>
/// The configured providers' chat clients, one per provider for the life of the process (the client is thread-safe
/// and keeps its connections). A failure of the provider becomes an <see cref="AssistantUnavailableException"/>
/// saying which provider failed and how, never a raw transport error.
/// </summary>
public sealed class AssistantModels(AssistantOptions options)
{
    private readonly ConcurrentDictionary<string, ChatClient> clients = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The model's reply to the conversation <paramref name="messages"/>, with the tokens it cost.</summary>
    public async Task<ModelReply> CompleteAsync(AssistantProviderOptions provider, IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var client = clients.GetOrAdd(provider.Name, _ => Create(provider));
        try
        {
            // A low temperature: the same request should give much the same pricing, and repairs should change little.
            var completion = await client.CompleteChatAsync(messages, new ChatCompletionOptions { Temperature = 0.2f }, cancellationToken);
            var text = string.Concat(completion.Value.Content.Select(part => part.Text));
            var usage = completion.Value.Usage;
            return text.Length > 0
                ? new ModelReply(text, usage?.InputTokenCount ?? 0, usage?.OutputTokenCount ?? 0)
                : throw new AssistantUnavailableException(provider.Name, null, $"answered with no text (finish reason {completion.Value.FinishReason}).");
        }
        catch (ClientResultException exception)
        {
            throw new AssistantUnavailableException(provider.Name, exception.Status, exception.Message);
        }
        catch (HttpRequestException exception)
        {
            throw new AssistantUnavailableException(provider.Name, null, $"could not be reached: {exception.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AssistantUnavailableException(provider.Name, null, $"did not answer within {options.Timeout.TotalSeconds:0} s.");
        }
    }

    private ChatClient Create(AssistantProviderOptions provider) =>
        new(provider.Model, new ApiKeyCredential(provider.ResolveKey()),
            new OpenAIClientOptions { Endpoint = new Uri(provider.Endpoint), NetworkTimeout = options.Timeout, UserAgentApplicationId = "tariff" });
}
