using System.Net;
using AngleSharp.Html.Parser;
using Tariff.Platform.Accounts;

namespace Tariff.Studio.Tests.Authentication;

public sealed class LoginTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    [Fact]
    public async Task Dashboard_SignedOut_RedirectsToTheLoginPageWithTheReturnAddress()
    {
        using var client = factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login?ReturnUrl=%2F", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task SignIn_RightPassword_SetsAnHttpOnlyCookieAndOpensTheDashboard()
    {
        using var client = factory.CreateBrowserLikeClient();

        using var signIn = await StudioFactory.SignInAsync(client, DemoTenantOptions.AdminEmail, StudioFactory.AdminPassword);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        AssertRedirectsToDashboard(client, signIn);
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("tariff.auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        var dashboard = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync("/"));
        Assert.Equal("Dashboard", dashboard.QuerySelector("[data-testid=dashboard-title]")?.TextContent);
        Assert.Contains("Demo Admin", dashboard.QuerySelector("[data-testid=signed-in-user]")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsOneMessageAndNoCookieAndDoesNotEchoThePassword()
    {
        using var client = factory.CreateBrowserLikeClient();

        using var response = await StudioFactory.SignInAsync(client, DemoTenantOptions.AdminEmail, "typed-by-mistake");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("tariff.auth=", StringComparison.Ordinal)));
        var html = await response.Content.ReadAsStringAsync();
        var page = await new HtmlParser().ParseDocumentAsync(html);
        Assert.Equal("The e-mail address or password is wrong.", page.QuerySelector("[data-testid=login-error]")?.TextContent);
        Assert.DoesNotContain("typed-by-mistake", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("//evil.example/steal")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    public async Task SignIn_ReturnAddressOnAnotherSite_GoesToTheDashboardInstead(string returnUrl)
    {
        using var client = factory.CreateBrowserLikeClient();

        using var response = await StudioFactory.SignInAsync(client, DemoTenantOptions.AdminEmail, StudioFactory.AdminPassword, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        AssertRedirectsToDashboard(client, response);
    }

    [Fact]
    public async Task SignOut_WithoutTheFormToken_IsRefusedAndTheSessionSurvives()
    {
        using var client = factory.CreateBrowserLikeClient();
        await StudioFactory.SignInAsync(client, DemoTenantOptions.AdminEmail, StudioFactory.AdminPassword);

        using var forged = await client.PostAsync("/account/logout", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using var dashboard = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
    }

    [Theory]
    [InlineData(Roles.Analyst, HttpStatusCode.OK)]
    [InlineData(Roles.Operator, HttpStatusCode.OK)]
    [InlineData(Roles.Consumer, HttpStatusCode.Redirect)]
    public async Task Dashboard_ByRole_OpensForStudioRolesAndDeniesConsumers(string role, HttpStatusCode expected)
    {
        var email = await factory.CreateDemoUserAsync(role);
        using var client = factory.CreateBrowserLikeClient();
        await StudioFactory.SignInAsync(client, email, StudioFactory.AdminPassword);

        using var response = await client.GetAsync("/");

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Redirect)
        {
            Assert.StartsWith("/account/denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    private static void AssertRedirectsToDashboard(HttpClient client, HttpResponseMessage response) =>
        Assert.Equal(new Uri(client.BaseAddress!, "/"), new Uri(client.BaseAddress!, response.Headers.Location!));
}
