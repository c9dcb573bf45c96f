using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Tariff.Platform;
using Tariff.Platform.Accounts;
using Tariff.Platform.Ingest;
using Tariff.Platform.Metering;
using Tariff.Platform.Scheduling;
using Tariff.Studio.Authentication;
using Tariff.Studio.Documents;
using Tariff.Studio.Health;

namespace Tariff.Studio.Hosting;

/// <summary>Registers everything the studio host needs.</summary>
public static class StudioServiceCollectionExtensions
{
    /// <summary>Adds the platform, authentication, authorization, Razor components, health checks and OpenAPI.</summary>
    public static IServiceCollection AddTariffStudio(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTariffPlatform(configuration);

        services.AddAuthentication(AuthenticationSchemes.Smart)
            .AddPolicyScheme(AuthenticationSchemes.Smart, "Cookie or API key", options =>
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? AuthenticationSchemes.ApiKey
                        : AuthenticationSchemes.Cookie)
            .AddCookie(AuthenticationSchemes.Cookie, options =>
            {
                options.Cookie.Name = "tariff.auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.LoginPath = "/account/login";
                options.LogoutPath = "/account/logout";
                options.AccessDeniedPath = "/account/denied";
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                // A program calling the API gets a status code, not an HTML login page.
                options.Events.OnRedirectToLogin = context => RespondOrRedirect(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => RespondOrRedirect(context, StatusCodes.Status403Forbidden);
                options.Events.OnValidatePrincipal = SessionValidation.ValidateAsync;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AuthenticationSchemes.ApiKey, null);

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Studio, policy => policy.RequireRole([.. Roles.Studio]))
            .AddPolicy(Policies.Admin, policy => policy.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Portal, policy => policy.RequireRole(Roles.Consumer).RequireClaim(TariffClaimTypes.ConsumerId)
                .RequireClaim(TariffClaimTypes.SubjectKind, "user"))
            .AddPolicy(Policies.Pricing, policy => policy.RequireRole(Roles.Admin, Roles.Analyst))
            .AddPolicy(Policies.Operations, policy => policy.RequireRole(Roles.Admin, Roles.Operator))
            .AddPolicy(Policies.Api, policy => policy.RequireAuthenticatedUser().RequireAssertion(context =>
                !IsApiKey(context.User) || context.User.HasClaim(TariffClaimTypes.Scope, ApiKeyScopes.Api)))
            .AddPolicy(Policies.Ingest, policy => policy.RequireAuthenticatedUser().RequireAssertion(context =>
                IsApiKey(context.User)
                    ? context.User.HasClaim(TariffClaimTypes.Scope, ApiKeyScopes.Ingest)
                    : context.User.IsInRole(Roles.Admin) || context.User.IsInRole(Roles.Operator)))
            .AddPolicy(Policies.Gateway, policy => policy.RequireAuthenticatedUser().RequireAssertion(context =>
                IsApiKey(context.User)
                    ? context.User.HasClaim(TariffClaimTypes.Scope, ApiKeyScopes.Ingest) || context.User.HasClaim(TariffClaimTypes.Scope, ApiKeyScopes.Api)
                    : Roles.Studio.Any(context.User.IsInRole)));

        services.AddHostedService<DeduplicationKeyJanitor>();
        services.AddSingleton<BillingRunWorker>();
        services.AddHostedService(provider => provider.GetRequiredService<BillingRunWorker>());
        services.AddSingleton<ChromiumPdf>();
        services.AddSingleton<Portal.PortalData>();
        services.AddSingleton<Analytics.GatewayIdentities>();
        services.AddSingleton<Analytics.UsageExplorer>();
        services.AddSingleton<Analytics.DashboardData>();
        services.AddHttpContextAccessor();
        services.AddSingleton<Platform.Audit.IAuditActor, RequestAuditActor>();
        services.AddHostedService(provider => provider.GetRequiredService<BillingScheduler>());
        services.AddHostedService(provider => provider.GetRequiredService<MeteringWorker>());
        services.AddHostedService(provider => provider.GetRequiredService<Platform.Billing.BillingInstanceWatch>());
        services.AddCascadingAuthenticationState();
        services.AddRazorComponents();
        services.AddAntiforgery();
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestProblems>();
        services.AddOpenApi();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }

    private static bool IsApiKey(System.Security.Claims.ClaimsPrincipal user) => user.HasClaim(TariffClaimTypes.SubjectKind, "api-key");

    private static Task RespondOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int statusCode)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Headers.ContainsKey("HX-Request"))
        {
            context.Response.StatusCode = statusCode;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
