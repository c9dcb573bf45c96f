using System.Security.Claims;
using Tariff.Engine.Evaluation;
using Tariff.Platform.Accounts;
using Tariff.Platform.Billing;
using Tariff.Platform.Catalog;
using Tariff.Studio.Authentication;

namespace Tariff.Studio.Api;

/// <summary>Consumers, their gateway identities, their subscriptions, and their usage measured by their plan's meters.</summary>
public static class ConsumerEndpoints
{
    public static IEndpointRouteBuilder MapConsumerApi(this IEndpointRouteBuilder endpoints)
    {
        var read = endpoints.MapGroup("/api/v1").RequireAuthorization(Policies.Api).RequireAuthorization(Policies.Studio)
            .AddEndpointFilter<CatalogProblems>().WithTags("Consumers");
        var write = endpoints.MapGroup("/api/v1").RequireAuthorization(Policies.Api).RequireAuthorization(Policies.Operations)
            .AddEndpointFilter<CatalogProblems>().WithTags("Consumers");

        read.MapGet("/consumers", ListAsync).WithName("ListConsumers").Produces<List<Consumer>>().ProducesValidationProblem()
            .WithSummary($"Consumers matching search (part of a code, name, e-mail or identity), sorted by code, name or created (newest first), {ApiPaging.MaxPage:N0} at most a page: X-Total-Count counts them all, Link rel=next reads on.");
        read.MapGet("/consumers/{id:guid}", async (Guid id, ClaimsPrincipal user, ConsumerService consumers, CancellationToken cancellationToken) =>
            await consumers.FindAsync(PrincipalFactory.TenantOf(user), id, cancellationToken) is { } consumer ? Results.Ok(consumer) : Results.NotFound())
            .WithName("GetConsumer");
        write.MapPost("/consumers", async (ConsumerRequest request, ClaimsPrincipal user, ConsumerService consumers, CancellationToken cancellationToken) =>
        {
            var consumer = await consumers.CreateAsync(PrincipalFactory.TenantOf(user), request.Code, request.Name, request.Email, request.Identities, cancellationToken);
            return Results.Created($"/api/v1/consumers/{consumer.Id}", consumer);
        }).WithName("CreateConsumer");
        write.MapPost("/consumers/{id:guid}/identities", async (Guid id, IdentitiesRequest request, ClaimsPrincipal user, ConsumerService consumers,
            CancellationToken cancellationToken) =>
            await consumers.AddIdentitiesAsync(PrincipalFactory.TenantOf(user), id, request.Identities, cancellationToken) is { } consumer
                ? Results.Ok(consumer) : Results.NotFound())
            .WithName("MapIdentities").WithSummary("Maps gateway identities to the consumer; their usage, earlier events included, counts from now on.");
        write.MapDelete("/consumers/{id:guid}/identities/{identity}", async (Guid id, string identity, ClaimsPrincipal user, ConsumerService consumers,
            CancellationToken cancellationToken) =>
            await consumers.RemoveIdentityAsync(PrincipalFactory.TenantOf(user), id, identity, cancellationToken) ? Results.NoContent() : Results.NotFound())
            .WithName("UnmapIdentity");
        write.MapPost("/consumers/{id:guid}/users", async (Guid id, PortalUserRequest request, ClaimsPrincipal user, AccountService accounts,
            CancellationToken cancellationToken) =>
            await accounts.CreatePortalUserAsync(PrincipalFactory.TenantOf(user), id, request.Email, request.DisplayName, request.Password, cancellationToken)
                is { } created
                ? Results.Created("/portal", new PortalUserResponse(created.Id, id, created.Email, created.DisplayName))
                : Results.NotFound())
            .WithName("CreatePortalUser").WithSummary("Creates a portal login that sees only this consumer's usage, quotas, alerts and invoices.");
        read.MapGet("/consumers/{id:guid}/usage", UsageAsync)
            .WithName("GetConsumerUsage").WithSummary("The meters of the consumer's plan version over [from, to), as billing measures them.");

        read.MapGet("/subscriptions", (Guid? consumerId, int? limit, int? offset, HttpContext context, ClaimsPrincipal user, SubscriptionService subscriptions,
            CancellationToken cancellationToken) =>
            ApiPaging.AnswerAsync(context, limit, offset, () => subscriptions.CountAsync(PrincipalFactory.TenantOf(user), consumerId, cancellationToken),
                (skip, take) => subscriptions.PageAsync(PrincipalFactory.TenantOf(user), consumerId, skip, take, cancellationToken)))
            .WithName("ListSubscriptions").Produces<List<Subscription>>().ProducesValidationProblem()
            .WithSummary($"Subscriptions (of one consumer when given), oldest start first, {ApiPaging.MaxPage:N0} at most a page, with X-Total-Count and Link rel=next.");
        read.MapGet("/subscriptions/{id:guid}", async (Guid id, ClaimsPrincipal user, SubscriptionService subscriptions, CancellationToken cancellationToken) =>
            await subscriptions.FindAsync(PrincipalFactory.TenantOf(user), id, cancellationToken) is { } subscription ? Results.Ok(subscription) : Results.NotFound())
            .WithName("GetSubscription");
        write.MapPost("/subscriptions", async (SubscriptionRequest request, ClaimsPrincipal user, SubscriptionService subscriptions, CancellationToken cancellationToken) =>
        {
            var errors = new Dictionary<string, string[]>();
            if (request.ConsumerId is null)
            {
                errors["consumerId"] = ["is required."];
            }

            if (request.PlanId is null)
            {
                errors["planId"] = ["is required."];
            }

            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors);
            }

            var subscription = await subscriptions.CreateAsync(PrincipalFactory.TenantOf(user), request.ConsumerId!.Value, request.PlanId!.Value, request.Version,
                request.StartsAt, request.BillingAnchor, request.TimeZone, cancellationToken);
            return Results.Created($"/api/v1/subscriptions/{subscription.Id}", subscription);
        }).WithName("CreateSubscription");
        write.MapPost("/subscriptions/{id:guid}/cancel", async (Guid id, CancelRequest? request, ClaimsPrincipal user, SubscriptionService subscriptions,
            CancellationToken cancellationToken) =>
            await subscriptions.CancelAsync(PrincipalFactory.TenantOf(user), id, request?.EndsAt, cancellationToken) is { } canceled
                ? Results.Ok(canceled) : Results.NotFound())
            .WithName("CancelSubscription");
        write.MapPost("/subscriptions/{id:guid}/migrate", async (Guid id, MigrateRequest? request, ClaimsPrincipal user, SubscriptionMigrator migrator,
            CancellationToken cancellationToken) =>
            await migrator.MigrateAsync(PrincipalFactory.TenantOf(user), id, request?.Version, request?.EffectiveAt, CatalogEndpoints.Author(user), cancellationToken)
                is { } moved ? Results.Ok(moved) : Results.NotFound())
            .WithName("MigrateSubscription").WithSummary("Moves one subscription to another version of its plan from an instant; recorded.");
        write.MapPost("/plans/{id:guid}/migrate", async (Guid id, MigrateRequest? request, ClaimsPrincipal user, SubscriptionMigrator migrator,
            CancellationToken cancellationToken) =>
            await migrator.MigratePlanAsync(PrincipalFactory.TenantOf(user), id, request?.Version, request?.EffectiveAt, CatalogEndpoints.Author(user), cancellationToken)
                is { } moved ? Results.Ok(moved) : Results.NotFound())
            .WithName("MigratePlanSubscriptions").WithSummary("Moves every subscription of the plan running at the instant, on another version, to this one.");
        read.MapGet("/plans/{id:guid}/migrations", async (Guid id, ClaimsPrincipal user, PlanService plans, SubscriptionMigrator migrator, CancellationToken cancellationToken) =>
            await plans.FindAsync(PrincipalFactory.TenantOf(user), id, cancellationToken) is null
                ? Results.NotFound()
                : Results.Ok(await migrator.HistoryAsync(PrincipalFactory.TenantOf(user), id, cancellationToken)))
            .WithName("ListPlanMigrations");
        return endpoints;
    }

    private static Task<IResult> ListAsync(string? search, string? sort, int? limit, int? offset, HttpContext context, ClaimsPrincipal user,
        ConsumerService consumers, CancellationToken cancellationToken)
    {
        if (OrderOf(sort) is not { } order)
        {
            return Task.FromResult(Results.ValidationProblem(new Dictionary<string, string[]> { ["sort"] = [$"'{sort}' is not one of code, name, created."] }));
        }

        var tenant = PrincipalFactory.TenantOf(user);
        return ApiPaging.AnswerAsync(context, limit, offset, () => consumers.CountAsync(tenant, search, cancellationToken),
            (skip, take) => consumers.PageAsync(tenant, search, order, skip, take, cancellationToken));
    }

    /// <summary>The order a list's <c>sort</c> value names (code when absent); null when it names none.</summary>
    internal static ConsumerOrder? OrderOf(string? sort) => sort switch
    {
        null or "" or "code" => ConsumerOrder.Code,
        "name" => ConsumerOrder.Name,
        "created" => ConsumerOrder.Created,
        _ => null,
    };

    private static async Task<IResult> UsageAsync(Guid id, string? from, string? to, ClaimsPrincipal user, ConsumerMeterReader reader, CancellationToken cancellationToken)
    {
        if (!UsageEndpoints.TryRange(from, to, out var period, out var errors))
        {
            return Results.ValidationProblem(errors);
        }

        var meters = await reader.ReadAsync(PrincipalFactory.TenantOf(user), id, new UsagePeriod(period.From, period.To), cancellationToken);
        return meters is null ? Results.NotFound() : Results.Ok(ConsumerUsageResponse.Of(meters));
    }
}
