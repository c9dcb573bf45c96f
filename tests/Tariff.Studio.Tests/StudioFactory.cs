using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Tariff.Platform.Accounts;
using Tariff.Testing;

namespace Tariff.Studio.Tests;

/// <summary>The studio in process (the real Program, middleware and services) over a throwaway PostgreSQL database.</summary>
public sealed class StudioFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string BootstrapKey = "trf_studio_tests_bootstrap_0123456789abcdef";
    public const string AdminPassword = "demo-admin-password-for-tests";

    public const int MaxEventsPerBatch = 200;
    public const int MaxRequestBytes = 256 * 1024;

    private PostgresTestDatabase database = null!;

    /// <summary>The assistant's model provider: an OpenAI-compatible fake over real HTTP, whose replies the tests script.</summary>
    public FakeChatCompletions ModelProvider { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        database = await PostgresTestDatabase.CreateAsync("studio");
        ModelProvider = await FakeChatCompletions.StartAsync();
        // Touching Services builds and starts the host, which migrates and seeds before serving.
        _ = Services;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await ModelProvider.DisposeAsync();
        await database.DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Tariff", database.ConnectionString);
        builder.UseSetting("TARIFF_BOOTSTRAP_API_KEY", BootstrapKey);
        builder.UseSetting("TARIFF_DEMO_ADMIN_PASSWORD", AdminPassword);
        // Every factory is its own installation: its own Quartz cluster, which in one process needs its own name.
        builder.UseSetting("Tariff:Billing:SchedulerName", $"tariff-tests-{Guid.NewGuid():N}");
        // A subscription made by a test counts its very next event; the tests run metering passes themselves.
        builder.UseSetting("Tariff:Metering:CatalogRefresh", "00:00:00");
        builder.UseSetting("Tariff:Metering:RefreshInterval", "01:00:00");
        // Small ingest limits, so that the tests can exceed them cheaply.
        builder.UseSetting("Tariff:Ingest:MaxEventsPerBatch", MaxEventsPerBatch.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Tariff:Ingest:MaxRequestBytes", MaxRequestBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in ModelProvider.ProviderSettings())
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A client that keeps cookies and shows redirects instead of following them.</summary>
    public HttpClient CreateBrowserLikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Creates a user of the demo tenant with the given role.</summary>
    public async Task<string> CreateDemoUserAsync(string role)
    {
        await using var scope = Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var admin = await accounts.AuthenticateUserAsync(DemoTenantOptions.AdminEmail, AdminPassword)
            ?? throw new InvalidOperationException("The demo admin cannot sign in.");
        var email = $"{role}-{Guid.NewGuid():N}@demo.test";
        await accounts.CreateUserAsync(admin.TenantId, email, $"A {role}", AdminPassword, [role]);
        return email;
    }

    /// <summary>Creates an API key of the demo tenant with the given role (and scopes; by default the API only).</summary>
    public async Task<string> CreateDemoApiKeyAsync(string role, IReadOnlyCollection<string>? scopes = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var admin = await accounts.AuthenticateApiKeyAsync(BootstrapKey)
            ?? throw new InvalidOperationException("The bootstrap key does not work.");
        return (await accounts.CreateApiKeyAsync(admin.TenantId, $"{role} key", role, scopes)).Key;
    }

    /// <summary>Signs in through the real login form, antiforgery token included; returns the response to the post.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password, string returnUrl = "/")
    {
        var loginUrl = $"/account/login?ReturnUrl={Uri.EscapeDataString(returnUrl)}";
        var page = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync(loginUrl));
        var form = page.QuerySelector("form[method=post]") ?? throw new InvalidOperationException("The login page has no form.");
        var fields = form.QuerySelectorAll("input[type=hidden]")
            .Select(input => new KeyValuePair<string, string>(input.GetAttribute("name")!, input.GetAttribute("value") ?? string.Empty))
            .Append(new("Input.Email", email))
            .Append(new("Input.Password", password));
        return await client.PostAsync(loginUrl, new FormUrlEncodedContent(fields));
    }
}
