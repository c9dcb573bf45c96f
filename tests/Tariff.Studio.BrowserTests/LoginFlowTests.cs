using Microsoft.Playwright;

namespace Tariff.Studio.BrowserTests;

public sealed class LoginFlowTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Login_WithThePrintedDemoCredentials_ShowsTheDashboardAndSignOutReturnsToLogin()
    {
        var (email, password) = await fixture.Studio.PrintedLoginAsync();
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/");
        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
        await Screenshot(page, "01-login-page");

        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");

        await page.WaitForSelectorAsync("[data-testid=dashboard-title]");
        Assert.Equal(fixture.Studio.BaseAddress.ToString(), page.Url);
        Assert.Contains("Demo Admin", await page.InnerTextAsync("[data-testid=signed-in-user]"), StringComparison.Ordinal);
        // The status card is filled in by htmx from /fragments/status after the page loads.
        var status = await page.WaitForSelectorAsync("[data-testid=status-list]");
        Assert.Contains("Healthy", await status!.InnerTextAsync(), StringComparison.Ordinal);
        await Screenshot(page, "02-dashboard");

        await page.ClickAsync("text=Sign out");
        await page.WaitForSelectorAsync("[data-testid=signed-out]");
        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
        await Screenshot(page, "03-signed-out");

        await page.GotoAsync("/");
        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_WithAWrongPassword_ShowsAnErrorAndStaysSignedOut()
    {
        var (email, _) = await fixture.Studio.PrintedLoginAsync();
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", "not-the-password");
        await page.ClickAsync("button[type=submit]");

        var error = await page.WaitForSelectorAsync("[data-testid=login-error]");
        Assert.Equal("The e-mail address or password is wrong.", (await error!.InnerTextAsync()).Trim());
        await Screenshot(page, "04-wrong-password");

        var response = await page.GotoAsync("/");
        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
        Assert.True(response!.Ok);
    }

    [Fact]
    public async Task Login_WithAnEmptyForm_ShowsAMessageNextToEachField()
    {
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/account/login");
        await page.ClickAsync("button[type=submit]");

        await page.WaitForSelectorAsync("text=Enter your e-mail address.");
        Assert.True(await page.IsVisibleAsync("text=Enter your password."));
    }

    private Task<byte[]> Screenshot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(fixture.Screenshots, $"login-{name}.png"), FullPage = true });
}
