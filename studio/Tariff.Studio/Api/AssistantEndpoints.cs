using System.Security.Claims;
using Tariff.Platform.Assistant;
using Tariff.Studio.Authentication;

namespace Tariff.Studio.Api;

/// <summary>
/// The assistant, for admins: plain-English requests become checked proposals for a plan or schedule draft, and an
/// admin applies one to a draft, which a person still publishes.
/// </summary>
public static class AssistantEndpoints
{
    public static IEndpointRouteBuilder MapAssistantApi(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/api/v1/assistant").RequireAuthorization(Policies.Api).RequireAuthorization(Policies.Admin)
            .AddEndpointFilter<CatalogProblems>().AddEndpointFilter<AssistantProblems>().WithTags("Assistant");

        admin.MapGet("/providers", (PricingAssistant assistant) =>
            assistant.Providers.Select((p, index) => new AssistantProviderResponse(p.Name, p.Model, index == 0)).ToList())
            .WithName("ListAssistantProviders").WithSummary("The configured model providers (names and models; never keys), the default first.");
        admin.MapGet("/usage", async (ClaimsPrincipal user, PricingAssistant assistant, AssistantOptions options, CancellationToken cancellationToken) =>
        {
            var usage = await assistant.UsageAsync(PrincipalFactory.TenantOf(user), cancellationToken);
            return new AssistantUsageResponse(usage.RequestsThisHour, options.RequestsPerHour, usage.TokensToday, options.TokensPerDay);
        }).WithName("GetAssistantUsage").WithSummary("The tenant's requests this hour and tokens today, beside its limits.");
        admin.MapPost("/proposals", async (ProposalRequest request, ClaimsPrincipal user, PricingAssistant assistant, CancellationToken cancellationToken) =>
        {
            var exchange = await assistant.ProposeAsync(PrincipalFactory.TenantOf(user), request.Ask, CatalogEndpoints.Author(user), cancellationToken);
            return Results.Created($"/api/v1/assistant/conversations/{exchange.ConversationId}", AssistantExchangeResponse.From(exchange));
        }).WithName("ProposeWithAssistant")
            .WithSummary("Asks the model for a plan or schedule; its answer is checked, sent back with the diagnostics until it checks or the repairs run out, and stored as a proposal.");
        admin.MapGet("/conversations", async (ClaimsPrincipal user, PricingAssistant assistant, CancellationToken cancellationToken) =>
            (await assistant.RecentAsync(PrincipalFactory.TenantOf(user), cancellationToken: cancellationToken)).Select(AssistantExchangeResponse.From).ToList())
            .WithName("ListAssistantConversations").WithSummary("The latest conversations, newest first, each as its first request.");
        admin.MapGet("/conversations/{id:guid}", async (Guid id, ClaimsPrincipal user, PricingAssistant assistant, CancellationToken cancellationToken) =>
            await assistant.ConversationAsync(PrincipalFactory.TenantOf(user), id, cancellationToken) is { Count: > 0 } exchanges
                ? Results.Ok(exchanges.Select(AssistantExchangeResponse.From).ToList())
                : Results.NotFound())
            .WithName("GetAssistantConversation");
        admin.MapPost("/proposals/{id:guid}/apply", async (Guid id, ApplyProposalRequest? request, ClaimsPrincipal user, PricingAssistant assistant,
            CancellationToken cancellationToken) =>
            await assistant.ApplyAsync(PrincipalFactory.TenantOf(user), id, request?.Code, request?.Name, CatalogEndpoints.Author(user), cancellationToken) is { } applied
                ? Results.Ok(AssistantExchangeResponse.From(applied))
                : Results.NotFound())
            .WithName("ApplyAssistantProposal")
            .WithSummary("Makes the proposal the draft of its plan or schedule (or of a new one with the code and name), recorded as written by the assistant.");
        return endpoints;
    }
}
