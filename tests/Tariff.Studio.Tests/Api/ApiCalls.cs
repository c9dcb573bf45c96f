using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tariff.Platform.Accounts;

namespace Tariff.Studio.Tests.Api;

/// <summary>Calling the REST API in tests: clients with a role's API key, another tenant's key, JSON in and out.</summary>
internal static class ApiCalls
{
    /// <summary>A client of the demo tenant with a new API key of <paramref name="role"/>.</summary>
    public static async Task<HttpClient> ClientAsync(StudioFactory factory, string role) => ClientWithKey(factory, await factory.CreateDemoApiKeyAsync(role));

    public static HttpClient ClientWithKey(StudioFactory factory, string key)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>An admin key of a new tenant, to try this tenant's ids with.</summary>
    public static async Task<string> OtherTenantKeyAsync(StudioFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var tenant = await accounts.CreateTenantAsync($"other-{Guid.NewGuid():N}"[..20], "Other");
        return (await accounts.CreateApiKeyAsync(tenant.Id, "other admin", Roles.Admin)).Key;
    }

    /// <summary>Sends <paramref name="body"/> as JSON and returns the status and the parsed answer (default when empty).</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpClient client, HttpMethod method, string path, object? body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>A unique code of at most 20 characters starting with <paramref name="prefix"/>.</summary>
    public static string Code(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20].ToLowerInvariant();
}
