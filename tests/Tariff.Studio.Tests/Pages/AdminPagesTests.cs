using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Tariff.Platform.Accounts;
using Tariff.Platform.Catalog;
using Tariff.Studio.Tests.Api;

namespace Tariff.Studio.Tests.Pages;

/// <summary>Users, roles and API keys managed by an admin in the studio, each change in the audit log.</summary>
public sealed class AdminPagesTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    [Fact]
    public async Task AdminPages_NonAdmins_AreTurnedAway()
    {
        using var analyst = await ConsumerPagesTests.SignedInAsync(factory, Roles.Analyst);
        using var operatorBrowser = await ConsumerPagesTests.SignedInAsync(factory, Roles.Operator);

        foreach (var browser in new[] { analyst, operatorBrowser })
        {
            foreach (var path in new[] { "/admin/users", "/admin/api-keys" })
            {
                using var response = await browser.GetAsync(path);
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith("/account/denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task NewUser_BadFieldsThenGood_AndTheirRolesChangeOrDisablingEndsTheirSessionAtOnce()
    {
        using var admin = await ConsumerPagesTests.SignedInAsync(factory, Roles.Admin);
        var invalid = await StudioForms.SubmitAsync(admin, "/admin/users", "[data-testid=user-form]",
            ("Input.Email", "nobody"), ("Input.DisplayName", ""), ("Input.Password", "short"));
        Assert.Equal("An e-mail address such as analyst@example.com is required.", invalid.Text("error-email"));
        Assert.NotNull(invalid.Text("error-displayName"));
        Assert.Contains("at least 12 characters", invalid.Text("error-password"), StringComparison.Ordinal);
        Assert.Contains("Choose at least one of admin, analyst, operator", invalid.Text("error-roles"), StringComparison.Ordinal);

        var email = $"{Guid.NewGuid():N}@team.test";
        var created = await StudioForms.SubmitAsync(admin, "/admin/users", "[data-testid=user-form]",
            ("Input.Email", email), ("Input.DisplayName", "Olga Operator"), ("Input.Password", StudioFactory.AdminPassword), ("Input.Roles", Roles.Operator));
        Assert.Equal($"{email} can sign in now as operator.", created.Text("users-message"));

        using var olga = factory.CreateBrowserLikeClient();
        using (var signIn = await StudioFactory.SignInAsync(olga, email, StudioFactory.AdminPassword))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await olga.GetAsync("/billing/runs")).StatusCode);
        var row = $"[data-user='{email}'] form";
        var changed = await StudioForms.SubmitAsync(admin, "/admin/users", row, ("Change.UserId", UserId(created, email)), ("Change.Roles", Roles.Analyst), ("Change.Command", "roles"));
        Assert.Equal($"{email} updated.", changed.Text("users-message"));

        // The session granted as operator no longer stands: the next request must sign in again.
        using var after = await olga.GetAsync("/billing/runs");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/login", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        await StudioForms.SubmitAsync(admin, "/admin/users", row, ("Change.UserId", UserId(created, email)), ("Change.Command", "disable"));
        using var refused = await StudioForms.PostAsync(olga, "/account/login", "form[method=post]",
            [new("Input.Email", email), new("Input.Password", StudioFactory.AdminPassword)]);
        Assert.NotEqual(HttpStatusCode.Redirect, refused.StatusCode);

        var audit = await StudioForms.PageAsync(admin, "/audit?entity=user");
        var actions = audit.QuerySelectorAll("[data-testid=audit-table] tr[data-action]").Select(r => r.GetAttribute("data-action")).ToList();
        Assert.Contains("user.created", actions);
        Assert.Contains("user.roles_changed", actions);
        Assert.Contains("user.disabled", actions);
        Assert.DoesNotContain("passwordHash", audit.Text("audit-table"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task LastActiveAdmin_CannotLoseTheRoleOrBeDisabled()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var access = scope.ServiceProvider.GetRequiredService<AccessAdministration>();
        var tenant = await accounts.CreateTenantAsync($"t{Guid.NewGuid():N}"[..20], "Lonely");
        var only = await accounts.CreateUserAsync(tenant.Id, $"{Guid.NewGuid():N}@lonely.test", "Only Admin", StudioFactory.AdminPassword, [Roles.Admin]);

        var demoted = await Assert.ThrowsAsync<CatalogValidationException>(() => access.SetRolesAsync(tenant.Id, only.Id, [Roles.Analyst]));
        var disabled = await Assert.ThrowsAsync<CatalogValidationException>(() => access.SetDisabledAsync(tenant.Id, only.Id, disabled: true));

        Assert.Equal("This is the tenant's last active admin; make someone else admin first.", demoted.Errors["roles"][0]);
        Assert.Equal("This is the tenant's last active admin; make someone else admin first.", disabled.Errors["disabled"][0]);
        var second = await access.CreateUserAsync(tenant.Id, $"{Guid.NewGuid():N}@lonely.test", "Second", StudioFactory.AdminPassword, [Roles.Admin]);
        Assert.NotNull(await access.SetRolesAsync(tenant.Id, only.Id, [Roles.Analyst]));
        Assert.Null(await access.SetRolesAsync(Guid.NewGuid(), second.Id, [Roles.Analyst]));
    }

    [Fact]
    public async Task ApiKey_ShownOnceWorksAndStopsWhenRevoked_AndTheLogSaysWhoDidIt()
    {
        using var admin = await ConsumerPagesTests.SignedInAsync(factory, Roles.Admin);
        var noScope = await StudioForms.SubmitAsync(admin, "/admin/api-keys", "[data-testid=key-form]", ("Input.Name", ""), ("Input.Role", "consumer"));
        Assert.NotNull(noScope.Text("error-name"));
        Assert.Equal("Choose one of admin, analyst, operator.", noScope.Text("error-role"));
        Assert.Equal("Choose at least one of api, ingest.", noScope.Text("error-scopes"));

        var name = $"gateway {Guid.NewGuid():N}";
        var created = await StudioForms.SubmitAsync(admin, "/admin/api-keys", "[data-testid=key-form]",
            ("Input.Name", name), ("Input.Role", Roles.Analyst), ("Input.Scopes", ApiKeyScopes.Api));
        var key = created.Text("new-key-value")!;
        using var caller = factory.CreateClient();
        caller.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        Assert.Equal(HttpStatusCode.OK, (await caller.GetAsync("/api/v1/me")).StatusCode);

        var listed = await StudioForms.PageAsync(admin, "/admin/api-keys");
        Assert.DoesNotContain(key, listed.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Contains($"{key[..8]}", listed.QuerySelector($"[data-key='{name}']")?.TextContent, StringComparison.Ordinal);

        var keyId = listed.QuerySelector($"[data-key='{name}'] button[name=RevokeId]")!.GetAttribute("value")!;
        var revoked = await StudioForms.SubmitAsync(admin, "/admin/api-keys", "form:has(button[name=RevokeId])", ("RevokeId", keyId));
        Assert.Equal("Revoked: the key stops working with its next request.", revoked.Text("keys-message"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await caller.GetAsync("/api/v1/me")).StatusCode);

        using var api = await ApiCalls.ClientAsync(factory, Roles.Admin);
        var entries = (await ApiCalls.SendAsync(api, HttpMethod.Get, $"/api/v1/audit?entity=api_key&entityId={keyId}", null)).Body.EnumerateArray().ToList();
        Assert.Equal(["api_key.revoked", "api_key.created"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.All(entries, e => Assert.Contains("(user ", e.GetProperty("actor").GetString(), StringComparison.Ordinal));
        Assert.DoesNotContain(key, entries[1].GetRawText(), StringComparison.Ordinal);
    }

    private static string UserId(AngleSharp.Dom.IDocument page, string email) =>
        page.QuerySelector($"[data-user='{email}'] input[name='Change.UserId']")?.GetAttribute("value") ?? throw new InvalidOperationException($"no row for {email}");
}
