using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using System.Security.Claims;
using Tariff.Platform.Billing;
using Tariff.Platform.Catalog;
using Tariff.Studio.Authentication;
using Tariff.Studio.Components.Common;
using Tariff.Studio.Components.Pages.Billing;

namespace Tariff.Studio.Components.Fragments;

/// <summary>Endpoints that return HTML fragments for htmx to swap into studio pages.</summary>
public static class FragmentEndpoints
{
    /// <summary>How many consumers a picker suggests at once: enough to choose from, few enough to read.</summary>
    public const int ConsumerSuggestions = 20;

    public static IEndpointRouteBuilder MapFragments(this IEndpointRouteBuilder endpoints)
    {
        var fragments = endpoints.MapGroup("/fragments").RequireAuthorization(Policies.Studio).ExcludeFromDescription();
        fragments.MapGet("/status", Status);
        fragments.MapGet("/billing-runs/{id:guid}", BillingRunAsync);
        fragments.MapGet("/consumer-options", ConsumerOptionsAsync);
        return endpoints;
    }

    private static async Task<IResult> BillingRunAsync(Guid id, ClaimsPrincipal user, BillingRunStore runs, ConsumerService consumers,
        CancellationToken cancellationToken)
    {
        var tenant = PrincipalFactory.TenantOf(user);
        if (await runs.FindAsync(tenant, id, cancellationToken) is not { } run)
        {
            return Results.NotFound();
        }

        var names = await consumers.FindManyAsync(tenant, run.Results.Select(r => r.ConsumerId), cancellationToken);
        return new RazorComponentResult<BillingRunPanel>(new { Run = run, Consumers = names });
    }

    /// <summary>
    /// The suggestions of a <see cref="ConsumerPicker"/>: the consumers whose code, name, e-mail or identity contains
    /// what is being typed into <paramref name="field"/>, first by code, leaving out codes the field already holds.
    /// </summary>
    private static async Task<RazorComponentResult<ConsumerOptions>> ConsumerOptionsAsync(HttpRequest request, string? field, bool? multiple,
        ClaimsPrincipal user, ConsumerService consumers, CancellationToken cancellationToken)
    {
        var text = string.IsNullOrEmpty(field) ? "" : request.Query[field].ToString();
        var (typed, term) = multiple == true ? ConsumerCodes.SplitLast(text) : ("", text.Trim());
        var chosen = ConsumerCodes.Split(typed);
        var matches = await consumers.PageAsync(PrincipalFactory.TenantOf(user), term, ConsumerOrder.Code, 0, ConsumerSuggestions + chosen.Count,
            cancellationToken);
        var suggestions = matches.Where(c => !chosen.Contains(c.Code, StringComparer.Ordinal)).Take(ConsumerSuggestions).ToList();
        return new RazorComponentResult<ConsumerOptions>(new { Consumers = suggestions, Typed = typed });
    }

    private static async Task<RazorComponentResult<StatusPanel>> Status(HealthCheckService health, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(cancellationToken);
        return new RazorComponentResult<StatusPanel>(new { Report = report });
    }
}
