using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Tariff.Engine.Binding;
using Tariff.Studio.Authentication;

namespace Tariff.Studio.Api;

/// <summary>The REST API under <c>/api/v1</c>: tenant-scoped, authenticated by API key or the studio's cookie.</summary>
public static class ApiEndpoints
{
    /// <summary>The most text <c>pricing/check</c> accepts, so that one request cannot occupy the parser for long.</summary>
    public const int MaxDocumentLength = 1_000_000;

    public static IEndpointRouteBuilder MapTariffApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").RequireAuthorization(Policies.Api).WithTags("Tariff API");

        api.MapGet("/me", Me)
            .WithName("GetCurrentCaller")
            .WithSummary("Who the caller is: tenant, user or API key, and roles.");

        api.MapPost("/pricing/check", Check)
            .RequireAuthorization(Policies.Studio)
            .WithName("CheckPricingDocument")
            .WithSummary("Parses and checks a pricing document and returns every diagnostic with its exact position.");

        return endpoints;
    }

    private static MeResponse Me(ClaimsPrincipal user) => new(
        user.FindFirstValue(TariffClaimTypes.TenantSlug) ?? string.Empty,
        PrincipalFactory.TenantOf(user),
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty,
        user.Identity?.Name ?? string.Empty,
        user.FindFirstValue(TariffClaimTypes.SubjectKind) ?? string.Empty,
        [.. user.FindAll(ClaimTypes.Role).Select(c => c.Value)]);

    private static Results<Ok<CheckResponse>, ValidationProblem> Check(CheckRequest request)
    {
        if (request.Text is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = ["The document text is required."] });
        }

        if (request.Text.Length > MaxDocumentLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["text"] = [$"The document is {request.Text.Length:N0} characters long; the limit is {MaxDocumentLength:N0}."],
            });
        }

        var result = Binder.Check(request.Text);
        return TypedResults.Ok(new CheckResponse(
            [.. result.Syntax!.Declarations.Select(d => d.Name.Value)],
            [.. result.Diagnostics.Select(DiagnosticResponse.From)]));
    }
}
