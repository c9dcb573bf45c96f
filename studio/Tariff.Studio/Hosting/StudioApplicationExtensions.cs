using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Tariff.Studio.Api;
using Tariff.Studio.Authentication;
using Tariff.Studio.Components;
using Tariff.Studio.Components.Fragments;
using Tariff.Studio.Health;
using Tariff.Studio.Portal;

namespace Tariff.Studio.Hosting;

/// <summary>The studio's middleware pipeline and endpoints.</summary>
public static class StudioApplicationExtensions
{
    public static WebApplication UseTariffStudio(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = HealthResponseWriter.WriteAsync }).AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        app.MapAccountEndpoints();
        app.MapTariffApi();
        app.MapPricingApi();
        app.MapIngestApi();
        app.MapUsageApi();
        app.MapAuditApi();
        app.MapCatalogApi();
        app.MapConsumerApi();
        app.MapBillingApi();
        app.MapScheduleApi();
        app.MapQueryApi();
        app.MapMeteringApi();
        app.MapAlertApi();
        app.MapWalletApi();
        app.MapAssistantApi();
        app.MapPortal();
        app.MapFragments();
        app.MapRazorComponents<App>();
        return app;
    }
}
