using System.Security.Claims;
using Tariff.Platform.Scheduling;
using Tariff.Studio.Authentication;

namespace Tariff.Studio.Api;

/// <summary>Billing schedules: drafts in the pricing language, published versions that fire on the cluster, pause and resume.</summary>
public static class ScheduleEndpoints
{
    public static IEndpointRouteBuilder MapScheduleApi(this IEndpointRouteBuilder endpoints)
    {
        var read = endpoints.MapGroup("/api/v1").RequireAuthorization(Policies.Api).RequireAuthorization(Policies.Studio)
            .AddEndpointFilter<CatalogProblems>().WithTags("Schedules");
        var write = endpoints.MapGroup("/api/v1").RequireAuthorization(Policies.Api).RequireAuthorization(Policies.Operations)
            .AddEndpointFilter<CatalogProblems>().WithTags("Schedules");

        read.MapGet("/schedules", (ClaimsPrincipal user, ScheduleService schedules, CancellationToken cancellationToken) =>
            schedules.ListAsync(PrincipalFactory.TenantOf(user), cancellationToken)).WithName("ListSchedules");
        read.MapGet("/schedules/{id:guid}", async (Guid id, ClaimsPrincipal user, ScheduleService schedules, BillingScheduler scheduler,
            CancellationToken cancellationToken) =>
        {
            var tenant = PrincipalFactory.TenantOf(user);
            return await schedules.FindAsync(tenant, id, cancellationToken) is { } schedule
                ? Results.Ok(new ScheduleResponse(schedule, await scheduler.NextFireAsync(tenant, id, cancellationToken)))
                : Results.NotFound();
        }).WithName("GetSchedule").WithSummary("A schedule and when it fires next.");
        write.MapPost("/schedules", async (ScheduleRequest request, ClaimsPrincipal user, ScheduleService schedules, CancellationToken cancellationToken) =>
        {
            var (schedule, diagnostics) = await schedules.CreateAsync(PrincipalFactory.TenantOf(user), request.Code, request.Text, CatalogEndpoints.Author(user),
                cancellationToken: cancellationToken);
            return Results.Created($"/api/v1/schedules/{schedule.Id}", new ScheduleDraftResponse(schedule, [.. diagnostics.Select(DiagnosticResponse.From)]));
        }).WithName("CreateSchedule").WithSummary("Creates a schedule whose draft is the text; the diagnostics say what publishing would refuse.");
        write.MapPut("/schedules/{id:guid}/draft", async (Guid id, DraftRequest request, ClaimsPrincipal user, ScheduleService schedules,
            CancellationToken cancellationToken) =>
            await schedules.UpdateDraftAsync(PrincipalFactory.TenantOf(user), id, request.Text, CatalogEndpoints.Author(user), cancellationToken: cancellationToken) is { } saved
                ? Results.Ok(new ScheduleDraftResponse(saved.Schedule, [.. saved.Diagnostics.Select(DiagnosticResponse.From)]))
                : Results.NotFound())
            .WithName("SaveScheduleDraft");
        write.MapPost("/schedules/{id:guid}/publish", async (Guid id, PublishRequest? request, ClaimsPrincipal user, ScheduleService schedules,
            CancellationToken cancellationToken) =>
            await schedules.PublishAsync(PrincipalFactory.TenantOf(user), id, request?.Comment, request?.Assistant == true ? "assistant" : "typed",
                CatalogEndpoints.Author(user), cancellationToken) is { } version
                ? Results.Created($"/api/v1/schedules/{id}/versions/{version.Version}", version) : Results.NotFound())
            .WithName("PublishSchedule").WithSummary("Publishes the draft as the next version; it fires on its cron expression from now on.");
        read.MapGet("/schedules/{id:guid}/versions", async (Guid id, ClaimsPrincipal user, ScheduleService schedules, CancellationToken cancellationToken) =>
            await schedules.FindAsync(PrincipalFactory.TenantOf(user), id, cancellationToken) is null
                ? Results.NotFound()
                : Results.Ok(await schedules.VersionsAsync(PrincipalFactory.TenantOf(user), id, cancellationToken)))
            .WithName("ListScheduleVersions");
        read.MapGet("/schedules/{id:guid}/versions/{version:int}/text", (Guid id, int version, ClaimsPrincipal user, ScheduleService schedules,
            CancellationToken cancellationToken) => FileAsync(schedules, user, id, version, json: false, cancellationToken))
            .WithName("DownloadScheduleVersionText");
        read.MapGet("/schedules/{id:guid}/versions/{version:int}/json", (Guid id, int version, ClaimsPrincipal user, ScheduleService schedules,
            CancellationToken cancellationToken) => FileAsync(schedules, user, id, version, json: true, cancellationToken))
            .WithName("DownloadScheduleVersionJson").WithSummary("The version's canonical JSON form.");
        write.MapPost("/schedules/{id:guid}/versions/{version:int}/rollback", async (Guid id, int version, ClaimsPrincipal user, ScheduleService schedules,
            CancellationToken cancellationToken) =>
            await schedules.RollbackAsync(PrincipalFactory.TenantOf(user), id, version, CatalogEndpoints.Author(user), cancellationToken) is { } restored
                ? Results.Created($"/api/v1/schedules/{id}/versions/{restored.Version}", restored) : Results.NotFound())
            .WithName("RollbackSchedule").WithSummary("Publishes an earlier version's text as a new version, which fires from now on; history is never rewritten.");
        write.MapPost("/schedules/{id:guid}/pause", (Guid id, ClaimsPrincipal user, ScheduleService schedules, CancellationToken cancellationToken) =>
            Enable(schedules.SetEnabledAsync(PrincipalFactory.TenantOf(user), id, enabled: false, cancellationToken))).WithName("PauseSchedule");
        write.MapPost("/schedules/{id:guid}/resume", (Guid id, ClaimsPrincipal user, ScheduleService schedules, CancellationToken cancellationToken) =>
            Enable(schedules.SetEnabledAsync(PrincipalFactory.TenantOf(user), id, enabled: true, cancellationToken))).WithName("ResumeSchedule");
        return endpoints;
    }

    private static async Task<IResult> FileAsync(ScheduleService schedules, ClaimsPrincipal user, Guid id, int version, bool json, CancellationToken cancellationToken)
    {
        if (await schedules.FindAsync(PrincipalFactory.TenantOf(user), id, cancellationToken) is not { } schedule
            || await schedules.FindVersionAsync(PrincipalFactory.TenantOf(user), id, version, cancellationToken) is not { } found)
        {
            return Results.NotFound();
        }

        return VersionFiles.Of(schedule.Code, version, found.Text, found.DocumentJson, json);
    }

    private static async Task<IResult> Enable(Task<Schedule?> change) => await change is { } schedule ? Results.Ok(schedule) : Results.NotFound();
}
