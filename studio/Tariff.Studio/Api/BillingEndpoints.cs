using System.Security.Claims;
using Tariff.Platform.Billing;
using Tariff.Platform.Catalog;
using Tariff.Studio.Authentication;
using Tariff.Studio.Documents;
using Tariff.Studio.Hosting;

namespace Tariff.Studio.Api;

/// <summary>Billing runs, invoices (JSON, printable HTML, PDF), their life cycle and credit notes, and tax rates.</summary>
public static class BillingEndpoints
{
    public static IEndpointRouteBuilder MapBillingApi(this IEndpointRouteBuilder endpoints)
    {
        var read = endpoints.MapGroup("/api/v1").RequireAuthorization(Policies.Api).RequireAuthorization(Policies.Studio)
            .AddEndpointFilter<CatalogProblems>().WithTags("Billing");
        var write = endpoints.MapGroup("/api/v1").RequireAuthorization(Policies.Api).RequireAuthorization(Policies.Operations)
            .AddEndpointFilter<CatalogProblems>().WithTags("Billing");

        write.MapPost("/billing-runs", StartRunAsync)
            .WithName("StartBillingRun").WithSummary("Starts a billing run (202 with its address); a dry run shows the invoices it would make and stores none.");
        read.MapGet("/billing-runs", (int? limit, int? offset, HttpContext context, ClaimsPrincipal user, BillingRunStore runs, CancellationToken cancellationToken) =>
            ApiPaging.AnswerAsync(context, limit, offset, () => runs.CountAsync(PrincipalFactory.TenantOf(user), cancellationToken),
                (skip, take) => runs.PageAsync(PrincipalFactory.TenantOf(user), skip, take, cancellationToken)))
            .WithName("ListBillingRuns").Produces<List<BillingRun>>().ProducesValidationProblem()
            .WithSummary($"Runs newest first, without their per-subscription results (GET one run for those), {ApiPaging.MaxPage:N0} at most a page, with X-Total-Count and Link rel=next.");
        read.MapGet("/billing-runs/{id:guid}", GetRunAsync)
            .WithName("GetBillingRun").WithSummary("A run's status, progress and results; with wait=N, held up to N seconds (60 at most) until the run finishes.");

        read.MapGet("/invoices", ListInvoicesAsync).WithName("ListInvoices")
            .Produces<IReadOnlyList<Invoice>>().ProducesValidationProblem()
            .WithSummary($"Invoices and notes, oldest period first, {ApiPaging.MaxPage:N0} at most a page: X-Total-Count counts them all, Link rel=next reads on.");
        read.MapGet("/invoices/{id:guid}", async (Guid id, ClaimsPrincipal user, InvoiceStore invoices, CancellationToken cancellationToken) =>
            await invoices.FindAsync(PrincipalFactory.TenantOf(user), id, cancellationToken) is { } invoice ? Results.Ok(invoice) : Results.NotFound())
            .WithName("GetInvoice");
        read.MapGet("/invoices/{id:guid}/html", async (Guid id, ClaimsPrincipal user, InvoiceStore invoices, ConsumerService consumers,
            CancellationToken cancellationToken) =>
            await RenderAsync(PrincipalFactory.TenantOf(user), id, invoices, consumers, cancellationToken) is { } html
                ? Results.Content(html, "text/html; charset=utf-8") : Results.NotFound())
            .WithName("GetInvoiceHtml").WithSummary("The invoice as a printable, self-contained HTML page.");
        read.MapGet("/invoices/{id:guid}/pdf", PdfAsync).WithName("GetInvoicePdf").WithSummary("The invoice as PDF, printed by headless Chromium.");
        write.MapPost("/invoices/{id:guid}/finalize", (Guid id, ClaimsPrincipal user, InvoiceStore invoices, CancellationToken cancellationToken) =>
            Transition(invoices.FinalizeAsync(PrincipalFactory.TenantOf(user), id, cancellationToken)))
            .WithName("FinalizeInvoice").WithSummary("Finalizes a draft before its grace period ends: it takes the next number and never changes again.");
        write.MapPost("/invoices/{id:guid}/pay", (Guid id, ClaimsPrincipal user, InvoiceStore invoices, CancellationToken cancellationToken) =>
            Transition(invoices.MarkPaidAsync(PrincipalFactory.TenantOf(user), id, cancellationToken))).WithName("MarkInvoicePaid");
        write.MapPost("/invoices/{id:guid}/void", (Guid id, ClaimsPrincipal user, InvoiceStore invoices, CancellationToken cancellationToken) =>
            Transition(invoices.VoidAsync(PrincipalFactory.TenantOf(user), id, cancellationToken))).WithName("VoidInvoice");
        write.MapPost("/invoices/{id:guid}/credit-notes", CreditAsync)
            .WithName("IssueCreditNote").WithSummary("Credits part of a finalized invoice (before tax; tax is credited at the invoice's rate).");

        read.MapGet("/tax-rates", (ClaimsPrincipal user, TaxRateService taxes, CancellationToken cancellationToken) =>
            taxes.ListAsync(PrincipalFactory.TenantOf(user), cancellationToken)).WithName("ListTaxRates");
        write.MapPut("/tax-rates/{code}", (string code, TaxRateRequest request, ClaimsPrincipal user, TaxRateService taxes, CancellationToken cancellationToken) =>
            taxes.PutAsync(PrincipalFactory.TenantOf(user), code, request.Name, request.Percent, request.IsDefault, cancellationToken)).WithName("PutTaxRate");
        write.MapPut("/consumers/{id:guid}/tax-rate", async (Guid id, ConsumerTaxRateRequest request, ClaimsPrincipal user, TaxRateService taxes,
            CancellationToken cancellationToken) =>
            await taxes.AssignAsync(PrincipalFactory.TenantOf(user), id, request.Code, cancellationToken) ? Results.NoContent() : Results.NotFound())
            .WithName("AssignConsumerTaxRate");
        return endpoints;
    }

    private static async Task<IResult> StartRunAsync(BillingRunRequestBody body, ClaimsPrincipal user, BillingRunWorker worker, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var request = new BillingRunRequest((body.AsOf ?? clock.GetUtcNow()).ToUniversalTime(), body.ConsumerIds ?? [], body.PlanIds ?? [], body.DryRun, "manual",
            CatalogEndpoints.Author(user));
        if (request.AsOf > clock.GetUtcNow() && !request.DryRun)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                ["asOf"] = [$"is in the future ({request.AsOf:O}); only a dry run may look ahead, since usage up to then has not happened yet."],
            });
        }

        var run = await worker.EnqueueAsync(PrincipalFactory.TenantOf(user), request, cancellationToken);
        return Results.Accepted($"/api/v1/billing-runs/{run.Id}", run);
    }

    private static async Task<IResult> GetRunAsync(Guid id, int? wait, ClaimsPrincipal user, BillingRunStore runs, CancellationToken cancellationToken)
    {
        if (wait is < 0 or > 60)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["wait"] = [$"is {wait}; wait from 0 to 60 seconds for the run to finish."] });
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(wait ?? 0));
        var tenant = PrincipalFactory.TenantOf(user);
        var run = wait is > 0 ? await runs.WhenFinishedAsync(tenant, id, deadline.Token) : await runs.FindAsync(tenant, id, cancellationToken);
        return run is null ? Results.NotFound() : Results.Ok(run);
    }

    private static async Task<IResult> ListInvoicesAsync(Guid? consumerId, DateTimeOffset? from, DateTimeOffset? to, string? status, string? kind,
        int? limit, int? offset, HttpContext context, ClaimsPrincipal user, InvoiceStore invoices, CancellationToken cancellationToken)
    {
        if (status is not (null or "draft" or "finalized" or "paid" or "void"))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["status"] = [$"'{status}' is not one of draft, finalized, paid, void."] });
        }

        if (kind is not null && !InvoiceKinds.All.Contains(kind))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["kind"] = [$"'{kind}' is not one of {string.Join(", ", InvoiceKinds.All)}."] });
        }

        var (tenant, query) = (PrincipalFactory.TenantOf(user), new InvoiceQuery(consumerId, null, from, to, status, kind));
        return await ApiPaging.AnswerAsync(context, limit, offset, () => invoices.CountAsync(tenant, query, cancellationToken),
            (skip, take) => invoices.PageAsync(tenant, query, InvoiceOrder.Oldest, skip, take, cancellationToken));
    }

    private static async Task<IResult> PdfAsync(Guid id, ClaimsPrincipal user, InvoiceStore invoices, ConsumerService consumers, ChromiumPdf chromium,
        CancellationToken cancellationToken)
    {
        if (await RenderAsync(PrincipalFactory.TenantOf(user), id, invoices, consumers, cancellationToken) is not { } html)
        {
            return Results.NotFound();
        }

        return await PrintedAsync(html, id, chromium, cancellationToken);
    }

    /// <summary>Prints an invoice's HTML, or says why this server cannot.</summary>
    internal static async Task<IResult> PrintedAsync(string html, Guid id, ChromiumPdf chromium, CancellationToken cancellationToken)
    {
        if (!chromium.IsAvailable)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "PDF printing is not available",
                detail: "Chromium is not installed on this server; install Debian's chromium package or set Tariff:Chromium. The HTML form prints from any browser.");
        }

        return Results.File(await chromium.PrintAsync(html, cancellationToken), "application/pdf", $"invoice-{id}.pdf");
    }

    private static async Task<IResult> CreditAsync(Guid id, CreditNoteRequest request, ClaimsPrincipal user, CreditNotes credits,
        CancellationToken cancellationToken) =>
        await credits.IssueAsync(PrincipalFactory.TenantOf(user), id, request.Amount, request.Reason, CatalogEndpoints.Author(user), cancellationToken)
            is { } note ? Results.Created($"/api/v1/invoices/{note.Id}", note) : Results.NotFound();

    internal static async Task<string?> RenderAsync(Guid tenant, Guid id, InvoiceStore invoices, ConsumerService consumers, CancellationToken cancellationToken)
    {
        if (await invoices.FindAsync(tenant, id, cancellationToken) is not { } invoice
            || await consumers.FindAsync(tenant, invoice.ConsumerId, cancellationToken) is not { } consumer)
        {
            return null;
        }

        var corrected = invoice.CorrectsInvoice is { } correctedId ? (await invoices.FindAsync(tenant, correctedId, cancellationToken))?.Number : null;
        return InvoiceHtml.Render(invoice, consumer, await invoices.IssuerAsync(tenant, cancellationToken), corrected);
    }

    // A change the invoice's state forbids throws InvoiceStateException, which CatalogProblems answers with 409.
    private static async Task<IResult> Transition(Task<Invoice?> change) => await change is { } invoice ? Results.Ok(invoice) : Results.NotFound();
}
