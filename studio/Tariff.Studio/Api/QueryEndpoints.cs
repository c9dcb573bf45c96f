using System.Security.Claims;
using System.Text;
using Tariff.Platform.Analytics;
using Tariff.Studio.Authentication;

namespace Tariff.Studio.Api;

/// <summary>Saved usage queries: drafts in the pricing language, immutable versions with downloads and rollback, and their results as JSON or CSV.</summary>
public static class QueryEndpoints
{
    public static IEndpointRouteBuilder MapQueryApi(this IEndpointRouteBuilder endpoints)
    {
        var read = endpoints.MapGroup("/api/v1").RequireAuthorization(Policies.Api).RequireAuthorization(Policies.Studio)
            .AddEndpointFilter<CatalogProblems>().WithTags("Queries");
        var write = endpoints.MapGroup("/api/v1").RequireAuthorization(Policies.Api).RequireAuthorization(Policies.Pricing)
            .AddEndpointFilter<CatalogProblems>().WithTags("Queries");

        read.MapGet("/queries", (ClaimsPrincipal user, QueryService queries, CancellationToken cancellationToken) =>
            queries.ListAsync(PrincipalFactory.TenantOf(user), cancellationToken)).WithName("ListQueries");
        read.MapGet("/queries/{id:guid}", async (Guid id, ClaimsPrincipal user, QueryService queries, CancellationToken cancellationToken) =>
            await queries.FindAsync(PrincipalFactory.TenantOf(user), id, cancellationToken) is { } query ? Results.Ok(query) : Results.NotFound())
            .WithName("GetQuery");
        write.MapPost("/queries", async (QueryRequest request, ClaimsPrincipal user, QueryService queries, CancellationToken cancellationToken) =>
        {
            var (query, diagnostics) = await queries.CreateAsync(PrincipalFactory.TenantOf(user), request.Code, request.Text, CatalogEndpoints.Author(user),
                cancellationToken: cancellationToken);
            return Results.Created($"/api/v1/queries/{query.Id}", new QueryDraftResponse(query, [.. diagnostics.Select(DiagnosticResponse.From)]));
        }).WithName("CreateQuery").WithSummary("Creates a saved query whose draft is the text; the diagnostics say what publishing would refuse.");
        write.MapPut("/queries/{id:guid}/draft", async (Guid id, DraftRequest request, ClaimsPrincipal user, QueryService queries, CancellationToken cancellationToken) =>
            await queries.UpdateDraftAsync(PrincipalFactory.TenantOf(user), id, request.Text, CatalogEndpoints.Author(user), cancellationToken: cancellationToken) is { } saved
                ? Results.Ok(new QueryDraftResponse(saved.Query, [.. saved.Diagnostics.Select(DiagnosticResponse.From)]))
                : Results.NotFound())
            .WithName("SaveQueryDraft");
        write.MapPost("/queries/{id:guid}/publish", async (Guid id, PublishRequest? request, ClaimsPrincipal user, QueryService queries, CancellationToken cancellationToken) =>
            await queries.PublishAsync(PrincipalFactory.TenantOf(user), id, request?.Comment, request?.Assistant == true ? "assistant" : "typed",
                CatalogEndpoints.Author(user), cancellationToken) is { } version
                ? Results.Created($"/api/v1/queries/{id}/versions/{version.Version}", version) : Results.NotFound())
            .WithName("PublishQuery").WithSummary("Publishes the draft as the next, immutable version.");
        read.MapGet("/queries/{id:guid}/versions", async (Guid id, ClaimsPrincipal user, QueryService queries, CancellationToken cancellationToken) =>
            await queries.FindAsync(PrincipalFactory.TenantOf(user), id, cancellationToken) is null
                ? Results.NotFound()
                : Results.Ok(await queries.VersionsAsync(PrincipalFactory.TenantOf(user), id, cancellationToken)))
            .WithName("ListQueryVersions");
        read.MapGet("/queries/{id:guid}/versions/{version:int}/text", async (Guid id, int version, ClaimsPrincipal user, QueryService queries,
            CancellationToken cancellationToken) =>
            await FileAsync(queries, user, id, version, json: false, cancellationToken))
            .WithName("DownloadQueryVersionText");
        read.MapGet("/queries/{id:guid}/versions/{version:int}/json", async (Guid id, int version, ClaimsPrincipal user, QueryService queries,
            CancellationToken cancellationToken) =>
            await FileAsync(queries, user, id, version, json: true, cancellationToken))
            .WithName("DownloadQueryVersionJson").WithSummary("The version's canonical JSON form.");
        write.MapPost("/queries/{id:guid}/versions/{version:int}/rollback", async (Guid id, int version, ClaimsPrincipal user, QueryService queries,
            CancellationToken cancellationToken) =>
            await queries.RollbackAsync(PrincipalFactory.TenantOf(user), id, version, CatalogEndpoints.Author(user), cancellationToken) is { } restored
                ? Results.Created($"/api/v1/queries/{id}/versions/{restored.Version}", restored) : Results.NotFound())
            .WithName("RollbackQuery").WithSummary("Publishes an earlier version's text as a new version; history is never rewritten.");
        read.MapGet("/queries/{id:guid}/result", async (Guid id, int? version, ClaimsPrincipal user, QueryService queries, CancellationToken cancellationToken) =>
            await queries.RunAsync(PrincipalFactory.TenantOf(user), id, version, cancellationToken) is { } result
                ? Results.Ok(QueryResultResponse.Of(result)) : Results.NotFound())
            .WithName("RunQuery").WithSummary("Runs the latest published version (or `version`): its range is resolved against the current time.")
            .Produces<QueryResultResponse>();
        read.MapGet("/queries/{id:guid}/result.csv", async (Guid id, int? version, ClaimsPrincipal user, QueryService queries, CancellationToken cancellationToken) =>
            await queries.RunAsync(PrincipalFactory.TenantOf(user), id, version, cancellationToken) is { } result
                ? Results.File(Encoding.UTF8.GetBytes(QueryResultResponse.Csv(result)), "text/csv; charset=utf-8", $"{result.Name}.csv") : Results.NotFound())
            .WithName("ExportQueryResult").WithSummary("The result's rows as CSV: consumer, step, meter, group, quantity.");
        read.MapPost("/queries/check", async (CheckRequest request, ClaimsPrincipal user, QueryService queries, CancellationToken cancellationToken) =>
        {
            var diagnostics = await queries.DiagnoseAsync(PrincipalFactory.TenantOf(user), request.Text, cancellationToken);
            return PricingEndpoints.Check(request.Text!, diagnostics);
        })
            .WithName("CheckQueryText").WithSummary("The query editor's live check: the language's diagnostics and the catalog's (consumer codes), each at its place.");
        read.MapPost("/queries/run", async (DraftRequest request, ClaimsPrincipal user, QueryService queries, CancellationToken cancellationToken) =>
            QueryResultResponse.Of(await queries.RunTextAsync(PrincipalFactory.TenantOf(user), request.Text, cancellationToken: cancellationToken)))
            .WithName("RunQueryText").WithSummary("Runs a query text without saving it; errors come back as a problem with each diagnostic's line and column.");
        return endpoints;
    }

    private static async Task<IResult> FileAsync(QueryService queries, ClaimsPrincipal user, Guid id, int version, bool json, CancellationToken cancellationToken)
    {
        if (await queries.FindAsync(PrincipalFactory.TenantOf(user), id, cancellationToken) is not { } query
            || await queries.FindVersionAsync(PrincipalFactory.TenantOf(user), id, version, cancellationToken) is not { } found)
        {
            return Results.NotFound();
        }

        return VersionFiles.Of(query.Code, version, found.Text, found.DocumentJson, json);
    }
}
