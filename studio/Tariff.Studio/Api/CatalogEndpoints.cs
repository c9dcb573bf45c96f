using System.Security.Claims;
using Tariff.Platform.Billing;
using Tariff.Platform.Catalog;
using Tariff.Studio.Authentication;

namespace Tariff.Studio.Api;

/// <summary>Products and plans: drafts, publication, versions (text and canonical JSON) and rollback.</summary>
public static class CatalogEndpoints
{
    public static IEndpointRouteBuilder MapCatalogApi(this IEndpointRouteBuilder endpoints)
    {
        var read = endpoints.MapGroup("/api/v1").RequireAuthorization(Policies.Api).RequireAuthorization(Policies.Studio)
            .AddEndpointFilter<CatalogProblems>().WithTags("Catalog");
        var write = endpoints.MapGroup("/api/v1").RequireAuthorization(Policies.Api).RequireAuthorization(Policies.Pricing)
            .AddEndpointFilter<CatalogProblems>().WithTags("Catalog");

        read.MapGet("/products", (ClaimsPrincipal user, ProductService products, CancellationToken cancellationToken) =>
            products.ListAsync(PrincipalFactory.TenantOf(user), cancellationToken)).WithName("ListProducts");
        read.MapGet("/products/{id:guid}", async (Guid id, ClaimsPrincipal user, ProductService products, CancellationToken cancellationToken) =>
            await products.FindAsync(PrincipalFactory.TenantOf(user), id, cancellationToken) is { } product ? Results.Ok(product) : Results.NotFound())
            .WithName("GetProduct");
        write.MapPost("/products", async (ProductRequest request, ClaimsPrincipal user, ProductService products, CancellationToken cancellationToken) =>
        {
            var product = await products.CreateAsync(PrincipalFactory.TenantOf(user), request.Code, request.Name, request.Description, cancellationToken);
            return Results.Created($"/api/v1/products/{product.Id}", product);
        }).WithName("CreateProduct");

        read.MapGet("/plans", (int? limit, int? offset, HttpContext context, ClaimsPrincipal user, PlanService plans, CancellationToken cancellationToken) =>
            ApiPaging.AnswerAsync(context, limit, offset, () => plans.CountAsync(PrincipalFactory.TenantOf(user), cancellationToken),
                (skip, take) => plans.PageAsync(PrincipalFactory.TenantOf(user), skip, take, cancellationToken)))
            .WithName("ListPlans").Produces<List<Plan>>().ProducesValidationProblem()
            .WithSummary($"Plans by code, {ApiPaging.MaxPage:N0} at most a page, with X-Total-Count and Link rel=next.");
        read.MapGet("/plans/{id:guid}", async (Guid id, ClaimsPrincipal user, PlanService plans, CancellationToken cancellationToken) =>
            await plans.FindAsync(PrincipalFactory.TenantOf(user), id, cancellationToken) is { } plan ? Results.Ok(plan) : Results.NotFound())
            .WithName("GetPlan");
        write.MapPost("/plans", async (PlanRequest request, ClaimsPrincipal user, PlanService plans, CancellationToken cancellationToken) =>
        {
            var (plan, diagnostics) = await plans.CreateAsync(PrincipalFactory.TenantOf(user), request.Code, request.Name, request.ProductId,
                request.Text, Author(user), cancellationToken: cancellationToken);
            return Results.Created($"/api/v1/plans/{plan.Id}", new DraftResponse(plan, [.. diagnostics.Select(DiagnosticResponse.From)]));
        }).WithName("CreatePlan").WithSummary("Creates a plan whose draft is the text; the diagnostics say what publishing would refuse.");
        write.MapPut("/plans/{id:guid}/draft", async (Guid id, DraftRequest request, ClaimsPrincipal user, PlanService plans, CancellationToken cancellationToken) =>
            await plans.UpdateDraftAsync(PrincipalFactory.TenantOf(user), id, request.Text, Author(user), cancellationToken: cancellationToken) is { } saved
                ? Results.Ok(new DraftResponse(saved.Plan, [.. saved.Diagnostics.Select(DiagnosticResponse.From)]))
                : Results.NotFound())
            .WithName("SaveDraft");
        write.MapPost("/plans/{id:guid}/publish", async (Guid id, PublishRequest? request, ClaimsPrincipal user, PlanService plans, CancellationToken cancellationToken) =>
            await plans.PublishAsync(PrincipalFactory.TenantOf(user), id, request?.Comment, request?.Assistant == true ? "assistant" : "typed", Author(user), cancellationToken)
                is { } version ? Results.Created($"/api/v1/plans/{id}/versions/{version.Version}", version) : Results.NotFound())
            .WithName("PublishPlan").WithSummary("Publishes the draft as the next immutable version; a draft with errors is refused with its diagnostics.");
        read.MapGet("/plans/{id:guid}/versions", async (Guid id, ClaimsPrincipal user, PlanService plans, CancellationToken cancellationToken) =>
            await plans.FindAsync(PrincipalFactory.TenantOf(user), id, cancellationToken) is null
                ? Results.NotFound()
                : Results.Ok(await plans.VersionsAsync(PrincipalFactory.TenantOf(user), id, cancellationToken)))
            .WithName("ListPlanVersions");
        read.MapGet("/plans/{id:guid}/versions/{version:int}", async (Guid id, int version, ClaimsPrincipal user, PlanService plans, CancellationToken cancellationToken) =>
            await plans.FindVersionAsync(PrincipalFactory.TenantOf(user), id, version, cancellationToken) is { } found ? Results.Ok(found) : Results.NotFound())
            .WithName("GetPlanVersion");
        read.MapGet("/plans/{id:guid}/versions/{version:int}/text", async (Guid id, int version, ClaimsPrincipal user, PlanService plans, CancellationToken cancellationToken) =>
            await plans.FindVersionAsync(PrincipalFactory.TenantOf(user), id, version, cancellationToken) is { } found
                ? VersionFiles.Of(found.PlanName, version, found.Text, found.DocumentJson, json: false)
                : Results.NotFound())
            .WithName("DownloadPlanVersionText");
        read.MapGet("/plans/{id:guid}/versions/{version:int}/json", async (Guid id, int version, ClaimsPrincipal user, PlanService plans, CancellationToken cancellationToken) =>
            await plans.FindVersionAsync(PrincipalFactory.TenantOf(user), id, version, cancellationToken) is { } found
                ? VersionFiles.Of(found.PlanName, version, found.Text, found.DocumentJson, json: true)
                : Results.NotFound())
            .WithName("DownloadPlanVersionJson").WithSummary("The version's canonical JSON form.");
        read.MapGet("/plans/{id:guid}/backtest", async (Guid id, ClaimsPrincipal user, PlanBacktester backtester, CancellationToken cancellationToken) =>
            await backtester.RunAsync(PrincipalFactory.TenantOf(user), id, cancellationToken) is { } backtest ? Results.Ok(backtest) : Results.NotFound())
            .WithName("BacktestPlanDraft")
            .WithSummary("Rates every subscription's last closed period with the saved draft and with the latest published version: the revenue change per consumer and in total, before tax.");
        write.MapPost("/plans/{id:guid}/versions/{version:int}/rollback", async (Guid id, int version, ClaimsPrincipal user, PlanService plans, CancellationToken cancellationToken) =>
            await plans.RollbackAsync(PrincipalFactory.TenantOf(user), id, version, Author(user), cancellationToken)
                is { } restored ? Results.Created($"/api/v1/plans/{id}/versions/{restored.Version}", restored) : Results.NotFound())
            .WithName("RollbackPlan").WithSummary("Publishes an earlier version's text as a new version; history is never rewritten.");
        return endpoints;
    }

    /// <summary>Who made a change, for history: the signed-in person's name or the API key's.</summary>
    internal static string Author(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";
}
