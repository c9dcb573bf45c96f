using Microsoft.Playwright;
using Tariff.Testing;

namespace Tariff.Studio.BrowserTests;

/// <summary>One real studio and one headless Chromium (Debian's, never a downloaded build) shared by a test class.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? playwright;

    public StudioProcess Studio { get; private set; } = null!;

    /// <summary>The studio's assistant provider: an OpenAI-compatible fake in this process, over real HTTP.</summary>
    public FakeChatCompletions ModelProvider { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string Screenshots { get; } = TestEnvironment.ArtifactsFolder("screenshots");

    public async Task InitializeAsync()
    {
        const string chromium = "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException($"{chromium} is missing; ./test.sh installs it (apt-get install chromium).");
        }

        ModelProvider = await FakeChatCompletions.StartAsync();
        Studio = await StudioProcess.StartAsync(new Dictionary<string, string>
        {
            ["Tariff__Assistant__Providers__0__Name"] = "fake",
            ["Tariff__Assistant__Providers__0__Endpoint"] = ModelProvider.Endpoint,
            ["Tariff__Assistant__Providers__0__Model"] = "fake-model-1",
            ["Tariff__Assistant__Providers__0__ApiKey"] = FakeChatCompletions.ApiKey,
        });
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            // The machine has no network beyond loopback: background services would only fail noisily.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Studio.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        // A loaded CI machine can take longer than Playwright's 30 s to load a page (the editor bundles Monaco).
        context.SetDefaultNavigationTimeout(60_000);
        return await context.NewPageAsync();
    }

    /// <summary>A new page signed in as the printed demo admin, opened at <paramref name="path"/>.</summary>
    public async Task<IPage> SignedInPageAsync(string path)
    {
        var (email, password) = await Studio.PrintedLoginAsync();
        var page = await NewPageAsync();
        await page.GotoAsync($"/account/login?ReturnUrl={Uri.EscapeDataString(path)}");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => new Uri(url).PathAndQuery == path);
        return page;
    }

    /// <summary>Keeps a picture of the page among the test run's outputs.</summary>
    public Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, $"{name}.png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (Studio is not null)
        {
            // The studio's own log beside the screenshots: what a failed page did on the server side.
            await File.WriteAllTextAsync(Path.Combine(Screenshots, "..", "browser-studio.log"), Studio.Output);
            await Studio.DisposeAsync();
        }

        if (ModelProvider is not null)
        {
            await ModelProvider.DisposeAsync();
        }
    }
}
