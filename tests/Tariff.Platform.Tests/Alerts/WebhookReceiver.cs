using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Tariff.Platform.Tests.Alerts;

/// <summary>A real HTTP endpoint on 127.0.0.1 that records what it receives and fails the first <c>failures</c> requests with 503.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private int failuresLeft;

    private WebhookReceiver(WebApplication app, int failures)
    {
        this.app = app;
        failuresLeft = failures;
    }

    public ConcurrentQueue<(string? Signature, string? Delivery, string Body, int Answered)> Received { get; } = new();

    public string Url => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/hooks/tariff";

    public static async Task<WebhookReceiver> StartAsync(int failures)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, failures);
        app.MapPost("/hooks/tariff", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var status = Interlocked.Decrement(ref receiver.failuresLeft) >= 0 ? 503 : 204;
            receiver.Received.Enqueue((context.Request.Headers["Tariff-Signature"].FirstOrDefault(), context.Request.Headers["Tariff-Delivery"].FirstOrDefault(),
                body, status));
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
