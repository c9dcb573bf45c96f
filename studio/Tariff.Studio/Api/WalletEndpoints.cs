using System.Security.Claims;
using Tariff.Platform.Catalog;
using Tariff.Platform.Wallets;
using Tariff.Studio.Authentication;

namespace Tariff.Studio.Api;

/// <summary>Prepaid credit: wallets, their top-ups and grants, voiding credit, settings and the ledger.</summary>
public static class WalletEndpoints
{
    public static IEndpointRouteBuilder MapWalletApi(this IEndpointRouteBuilder endpoints)
    {
        var read = endpoints.MapGroup("/api/v1").RequireAuthorization(Policies.Api).RequireAuthorization(Policies.Studio)
            .AddEndpointFilter<CatalogProblems>().WithTags("Wallets");
        var write = endpoints.MapGroup("/api/v1").RequireAuthorization(Policies.Api).RequireAuthorization(Policies.Operations)
            .AddEndpointFilter<CatalogProblems>().WithTags("Wallets");

        read.MapGet("/wallets", ListAsync).WithName("ListWallets").Produces<List<WalletResponse>>().ProducesValidationProblem()
            .WithSummary("The tenant's wallets (of one consumer on request), each with its balance now, by consumer code and currency; paged like invoices.");
        read.MapGet("/wallets/{id:guid}", async (Guid id, ClaimsPrincipal user, WalletService wallets, CancellationToken cancellationToken) =>
            await wallets.BalanceAsync(PrincipalFactory.TenantOf(user), id, cancellationToken) is { } balance
                ? Results.Ok(WalletResponse.From(balance)) : Results.NotFound())
            .WithName("GetWallet").WithSummary("A wallet's balance, usage not yet invoiced, what is left after it, and its credits in the order invoices consume them.");
        read.MapGet("/wallets/{id:guid}/ledger", LedgerAsync)
            .WithName("GetWalletLedger").WithSummary("Every change of the balance, newest first, with the balance after it; page back with before=<id>.");
        write.MapPost("/wallets", async (WalletRequest request, ClaimsPrincipal user, WalletService wallets, CancellationToken cancellationToken) =>
        {
            var wallet = await wallets.CreateAsync(PrincipalFactory.TenantOf(user), request.ConsumerId ?? throw Missing("consumerId"), request.Currency,
                request.Settings, cancellationToken);
            return Results.Created($"/api/v1/wallets/{wallet.Id}", wallet);
        }).WithName("CreateWallet").WithSummary("Opens a consumer's wallet in a currency (one per currency), with its warning and recharge settings.");
        write.MapPut("/wallets/{id:guid}/settings", async (Guid id, WalletSettings settings, ClaimsPrincipal user, WalletService wallets,
            CancellationToken cancellationToken) =>
            await wallets.ConfigureAsync(PrincipalFactory.TenantOf(user), id, settings, cancellationToken) is { } wallet ? Results.Ok(wallet) : Results.NotFound())
            .WithName("ConfigureWallet").WithSummary("Replaces when the wallet warns and when it recharges itself.");
        write.MapPost("/wallets/{id:guid}/credits", async (Guid id, WalletCreditRequest request, ClaimsPrincipal user, WalletService wallets,
            WalletMonitor monitor, CancellationToken cancellationToken) =>
        {
            var tenantId = PrincipalFactory.TenantOf(user);
            if (await wallets.AddCreditAsync(tenantId, id, request, cancellationToken) is not { } credit)
            {
                return Results.NotFound();
            }

            await monitor.CheckAsync(tenantId, id, cancellationToken);
            return Results.Created($"/api/v1/wallets/{id}", credit);
        }).WithName("AddWalletCredit").WithSummary("Adds a top-up or a grant: amount, priority (lower first, default 100), optional expiry and reference.");
        write.MapPost("/wallets/{id:guid}/credits/{creditId:guid}/void", async (Guid id, Guid creditId, VoidCreditRequest request, ClaimsPrincipal user,
            WalletService wallets, WalletMonitor monitor, CancellationToken cancellationToken) =>
        {
            var tenantId = PrincipalFactory.TenantOf(user);
            if (await wallets.VoidCreditAsync(tenantId, id, creditId, request.Reason, cancellationToken) is not { } credit)
            {
                return Results.NotFound();
            }

            await monitor.CheckAsync(tenantId, id, cancellationToken);
            return Results.Ok(credit);
        }).WithName("VoidWalletCredit").WithSummary("Takes back what is left of a credit, with the reason; the ledger records it.");
        return endpoints;
    }

    private static async Task<IResult> ListAsync(Guid? consumerId, int? limit, int? offset, HttpContext context, ClaimsPrincipal user, WalletService wallets,
        CancellationToken cancellationToken)
    {
        // A balance rates the wallet's pending usage, so only the page answered is read.
        var tenantId = PrincipalFactory.TenantOf(user);
        return await ApiPaging.AnswerAsync(context, limit, offset, () => wallets.CountAsync(tenantId, consumerId, cancellationToken),
            async (skip, take) => (IReadOnlyList<WalletResponse>)[.. (await wallets.BalancePageAsync(tenantId, consumerId, skip, take, cancellationToken))
                .Select(WalletResponse.From)]);
    }

    private static async Task<IResult> LedgerAsync(Guid id, long? before, int? limit, ClaimsPrincipal user, WalletService wallets,
        CancellationToken cancellationToken)
    {
        if (limit is < 1 or > WalletService.MaxLedgerPage)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"is {limit}; use 1 to {WalletService.MaxLedgerPage}."] });
        }

        var tenantId = PrincipalFactory.TenantOf(user);
        return await wallets.FindAsync(tenantId, id, cancellationToken) is null
            ? Results.NotFound()
            : Results.Ok(await wallets.LedgerAsync(tenantId, id, before, limit ?? 100, cancellationToken));
    }

    private static CatalogValidationException Missing(string field) => new(field, "is required.");
}
