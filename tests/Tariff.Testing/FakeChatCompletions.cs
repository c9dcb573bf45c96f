using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tariff.Testing;

/// <summary>
/// An OpenAI-compatible model provider on 127.0.0.1, speaking the chat-completions wire format of OpenAI's API
/// reference (<c>POST /v1/chat/completions</c>, bearer key, <c>chat.completion</c> objects, <c>error</c> objects),
/// so that the product's real client talks real HTTP to it. Tests script its replies and read what it was sent.
/// </summary>
public sealed class FakeChatCompletions : IAsyncDisposable
{
    public const string ApiKey = "sk-fake-tariff-tests";

    private readonly WebApplication app;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> replies = new();
    private readonly ConcurrentQueue<JsonObject> requests = new();
    private long reportedTokens;

    private FakeChatCompletions(WebApplication app) => this.app = app;

    /// <summary>The API base address to configure as a provider's endpoint (ends with <c>/v1</c>).</summary>
    public string Endpoint { get; private set; } = string.Empty;

    /// <summary>Every request body received, oldest first.</summary>
    public IReadOnlyList<JsonObject> Requests => [.. requests];

    /// <summary>The tokens (prompt and completion) the replies' <c>usage</c> objects reported, in all.</summary>
    public long ReportedTokens => Interlocked.Read(ref reportedTokens);

    public static async Task<FakeChatCompletions> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var fake = new FakeChatCompletions(builder.Build());
        fake.app.MapPost("/v1/chat/completions", fake.CompleteAsync);
        await fake.app.StartAsync();
        var address = fake.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        fake.Endpoint = address.TrimEnd('/') + "/v1";
        return fake;
    }

    /// <summary>The settings that make this fake the assistant's only provider, named <c>fake</c> with model <c>fake-model-1</c>.</summary>
    public Dictionary<string, string?> ProviderSettings() => new()
    {
        ["Tariff:Assistant:Providers:0:Name"] = "fake",
        ["Tariff:Assistant:Providers:0:Endpoint"] = Endpoint,
        ["Tariff:Assistant:Providers:0:Model"] = "fake-model-1",
        ["Tariff:Assistant:Providers:0:ApiKey"] = ApiKey,
    };

    /// <summary>Queues a reply whose message content is <paramref name="content"/>.</summary>
    public void Reply(string content) => replies.Enqueue(context => Completion(context, content));

    /// <summary>
    /// Queues a reply of <paramref name="content"/> held back until <paramref name="release"/> completes, for a request
    /// that must still be in flight while the test acts; the task returned completes when the request has arrived.
    /// </summary>
    public Task ReplyWhen(Task release, string content)
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        replies.Enqueue(async context =>
        {
            arrived.SetResult();
            await release;
            await Completion(context, content);
        });
        return arrived.Task;
    }

    /// <summary>Queues an error as the API sends one: the status and an <c>error</c> object.</summary>
    public void Fail(int status, string message, string code) => replies.Enqueue(context => Error(context, status, message, code));

    /// <summary>Forgets scripted replies and recorded requests, for the next test on a shared fake.</summary>
    public void Reset()
    {
        replies.Clear();
        requests.Clear();
        Interlocked.Exchange(ref reportedTokens, 0);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task CompleteAsync(HttpContext context)
    {
        if (context.Request.Headers.Authorization.ToString() != $"Bearer {ApiKey}")
        {
            await Error(context, 401, "Incorrect API key provided.", "invalid_api_key");
            return;
        }

        var body = await JsonNode.ParseAsync(context.Request.Body) as JsonObject;
        if (body?["model"] is null || body["messages"] is not JsonArray)
        {
            await Error(context, 400, "'model' and 'messages' are required.", "invalid_request_error");
            return;
        }

        requests.Enqueue(body);
        if (!replies.TryDequeue(out var reply))
        {
            await Error(context, 500, "The fake provider has no scripted reply left: the test asked more than it expected.", "server_error");
            return;
        }

        await reply(context);
    }

    private Task Completion(HttpContext context, string content)
    {
        var model = requests.Last()["model"]!.GetValue<string>();
        var prompt = requests.Last()["messages"]!.ToJsonString().Length / 4;
        var completion = content.Length / 4;
        Interlocked.Add(ref reportedTokens, prompt + completion);
        return context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["id"] = $"chatcmpl-{Guid.NewGuid():N}",
            ["object"] = "chat.completion",
            ["created"] = 1_790_000_000,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content, ["refusal"] = null },
                ["logprobs"] = null,
                ["finish_reason"] = "stop",
            }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = prompt, ["completion_tokens"] = completion, ["total_tokens"] = prompt + completion },
            ["system_fingerprint"] = "fp_tariff_fake",
        });
    }

    private static Task Error(HttpContext context, int status, string message, string code)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = message, ["type"] = "invalid_request_error", ["param"] = null, ["code"] = code },
        });
    }
}
