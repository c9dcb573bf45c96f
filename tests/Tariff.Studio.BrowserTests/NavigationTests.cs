namespace Tariff.Studio.BrowserTests;

/// <summary>The studio's top bar on a 1280-pixel screen: everything fits, and the grouped menus open and lead to their pages.</summary>
public sealed class NavigationTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TopBar_FitsA1280PixelScreen_AndTheBillingMenuLeadsToInvoices()
    {
        var page = await fixture.SignedInPageAsync("/");

        // Nothing of the bar lies beyond the right edge: the user and Sign out are visible beside the menus.
        var signOut = await page.Locator("nav button:has-text('Sign out')").BoundingBoxAsync();
        var user = await page.Locator("[data-testid=signed-in-user]").BoundingBoxAsync();
        var bar = await page.Locator("nav.navbar").BoundingBoxAsync();
        Assert.NotNull(signOut);
        Assert.NotNull(user);
        Assert.True(signOut.X + signOut.Width <= 1280, $"Sign out ends at {signOut.X + signOut.Width} px");
        Assert.True(bar!.Height < 80, $"the bar wraps onto a second line: {bar.Height} px high");
        Assert.Equal(0, await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth"));

        await page.ClickAsync("[data-testid=main-menu] a.dropdown-toggle:has-text('Billing')");
        await page.ClickAsync("[data-testid=main-menu] .dropdown-menu.show >> text=Invoices");
        await page.WaitForURLAsync("**/invoices");
        await fixture.ScreenshotAsync(page, "navigation-billing-active");

        Assert.Contains("active", await page.GetAttributeAsync("[data-testid=main-menu] a.dropdown-toggle:has-text('Billing')", "class") ?? "",
            StringComparison.Ordinal);
        Assert.DoesNotContain("active", await page.GetAttributeAsync("[data-testid=main-menu] a.dropdown-toggle:has-text('Usage')", "class") ?? "",
            StringComparison.Ordinal);
    }
}
