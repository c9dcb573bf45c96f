using Microsoft.Playwright;
using Tariff.Testing;

namespace Tariff.Studio.BrowserTests;

/// <summary>One real studio and one headless Chromium (Debian's, never a downloaded build) shared by a test class.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? playwright;

    public StudioProcess Studio { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string Screenshots { get; } = TestEnvironment.ArtifactsFolder("screenshots");

    public async Task InitializeAsync()
    {
        const string chromium = "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException($"{chromium} is missing; ./test.sh installs it (apt-get install chromium).");
        }

        Studio = await StudioProcess.StartAsync();
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
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (Studio is not null)
        {
            await Studio.DisposeAsync();
        }
    }
}
