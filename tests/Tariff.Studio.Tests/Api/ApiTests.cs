using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tariff.Platform.Accounts;

namespace Tariff.Studio.Tests.Api;

public sealed class ApiTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    [Fact]
    public async Task Me_WithTheBootstrapKey_AnswersTheDemoTenantAndAdminRole()
    {
        using var client = ClientWithKey(StudioFactory.BootstrapKey);

        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");

        Assert.Equal("demo", me.GetProperty("tenant").GetString());
        Assert.Equal("api-key", me.GetProperty("kind").GetString());
        Assert.Equal(["admin"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("trf_this_key_was_never_issued_0000000000")]
    [InlineData("short")]
    public async Task Me_WithoutAValidKey_Answers401WithABearerChallengeNotARedirect(string? key)
    {
        using var client = key is null ? factory.CreateBrowserLikeClient() : ClientWithKey(key);

        using var response = await client.GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        if (key is not null)
        {
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        }
    }

    [Fact]
    public async Task Check_DocumentWithAnError_ReturnsItInEngineAndEditorPositions()
    {
        using var client = ClientWithKey(StudioFactory.BootstrapKey);

        using var response = await client.PostAsJsonAsync("/api/v1/pricing/check",
            new { text = "meter api_calls { count }\nplan p {\n    currency USD\n    charge api_cals { per unit 1 }\n}\n" });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["api_calls", "p"], body.GetProperty("declarations").EnumerateArray().Select(d => d.GetString()));
        var diagnostic = Assert.Single(body.GetProperty("diagnostics").EnumerateArray());
        Assert.Equal("TRF0101", diagnostic.GetProperty("id").GetString());
        Assert.Equal("unknown meter `api_cals`; did you mean `api_calls`?", diagnostic.GetProperty("message").GetString());
        Assert.Equal((4, 11), (diagnostic.GetProperty("line").GetInt32(), diagnostic.GetProperty("column").GetInt32()));
        Assert.Equal((4, 12, 4, 20), (diagnostic.GetProperty("startLineNumber").GetInt32(), diagnostic.GetProperty("startColumn").GetInt32(),
            diagnostic.GetProperty("endLineNumber").GetInt32(), diagnostic.GetProperty("endColumn").GetInt32()));
    }

    [Fact]
    public async Task Check_WithoutText_IsAProblemDocumentNamingTheField()
    {
        using var client = ClientWithKey(StudioFactory.BootstrapKey);

        using var response = await client.PostAsJsonAsync("/api/v1/pricing/check", new { });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("The document text is required.", problem.GetProperty("errors").GetProperty("text")[0].GetString());
    }

    [Fact]
    public async Task Check_WithAConsumerKey_IsForbidden()
    {
        using var client = ClientWithKey(await factory.CreateDemoApiKeyAsync(Roles.Consumer));

        using var response = await client.PostAsJsonAsync("/api/v1/pricing/check", new { text = "meter a { count }" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task OpenApi_Document_DescribesTheApiEndpoints()
    {
        using var client = factory.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Contains("/api/v1/me", paths);
        Assert.Contains("/api/v1/pricing/check", paths);
        Assert.DoesNotContain("/account/logout", paths);
        // Every API route the application maps is in the document (route constraints such as ":guid" are not).
        var routes = factory.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Select(e => "/" + System.Text.RegularExpressions.Regex.Replace(e.RoutePattern.RawText!.TrimStart('/'), "{([a-zA-Z]+)(:[a-z]+)?}", "{$1}"))
            .Where(r => r.StartsWith("/api/v1/", StringComparison.Ordinal))
            .Distinct()
            .ToList();
        Assert.Contains("/api/v1/entitlements/check", routes);
        Assert.Empty(routes.Except(paths));
    }

    private HttpClient ClientWithKey(string key)
    {
        var client = factory.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
