using System.Globalization;
using System.Security.Claims;
using Tariff.Engine.Binding;
using Tariff.Engine.Compilation;
using Tariff.Engine.Diagnostics;
using Tariff.Engine.Evaluation;
using Tariff.Engine.Formatting;
using Tariff.Engine.Rating;
using Tariff.Engine.Syntax;
using Tariff.Engine.Text;
using Tariff.Engine.Usage;
using Tariff.Platform.Billing;
using Tariff.Platform.Catalog;
using Tariff.Studio.Authentication;

namespace Tariff.Studio.Api;

/// <summary>
/// The editor's services over a document that is not saved: check, format, run the embedded examples, and rate usage
/// (typed, pasted, or a consumer's real usage) with the compiled engine, exactly as an invoice would.
/// </summary>
public static class PricingEndpoints
{
    /// <summary>The most text a pricing endpoint accepts, so that one request cannot occupy the parser for long.</summary>
    public const int MaxDocumentLength = 1_000_000;

    public static IEndpointRouteBuilder MapPricingApi(this IEndpointRouteBuilder endpoints)
    {
        var pricing = endpoints.MapGroup("/api/v1/pricing").RequireAuthorization(Policies.Api).RequireAuthorization(Policies.Studio)
            .AddEndpointFilter<CatalogProblems>().WithTags("Pricing editor");

        pricing.MapPost("/check", (CheckRequest request) => Check(Require(request.Text)))
            .WithName("CheckPricingDocument")
            .WithSummary("Parses and checks a pricing document and returns every diagnostic with its exact position.");
        pricing.MapPost("/format", (CheckRequest request) => Format(Require(request.Text)))
            .WithName("FormatPricingDocument")
            .WithSummary("The document's canonical text; refused, with the reason, when it does not parse or would lose a comment.");
        pricing.MapPost("/examples", (CheckRequest request, ClaimsPrincipal user, CompiledPlanCache compiled) =>
                Examples(Require(request.Text), user, compiled))
            .WithName("RunPricingExamples")
            .WithSummary("Runs every example embedded in the document's plans with the compiled engine.");
        pricing.MapPost("/rate", Rate)
            .WithName("RatePricingDocument")
            .WithSummary("Rates usage (a usage file, or a consumer's stored usage over a time range) with a plan of the document.");
        return endpoints;
    }

    /// <summary>The editor's answer for <paramref name="text"/>; <paramref name="diagnostics"/> replace the binder's when the caller knows more (the catalog's).</summary>
    internal static CheckResponse Check(string text, IReadOnlyList<Diagnostic>? diagnostics = null)
    {
        var result = Binder.Check(text);
        var declarations = result.Syntax!.Declarations.Where(d => d.Name.Value.Length > 0).ToList();
        return new CheckResponse(
            [.. declarations.Select(d => d.Name.Value)],
            [.. (diagnostics ?? result.Diagnostics).Select(DiagnosticResponse.From)],
            [.. declarations.Select(SymbolOf)]);
    }

    private static FormatResponse Format(string text)
    {
        var parsed = DocumentParser.Parse(text);
        var diagnostics = parsed.Diagnostics.Select(DiagnosticResponse.From).ToList();
        if (parsed.Diagnostics.Count > 0)
        {
            return new FormatResponse(null, "The document has syntax errors; formatting would lose what they hide.", diagnostics);
        }

        // The canonical form keeps comments above declarations only; formatting must never lose what a person wrote.
        return parsed.InnerComments > 0
            ? new FormatResponse(null, $"{parsed.InnerComments} comment line(s) stand inside a declaration, where the canonical form has no place for them; move them above it first.", diagnostics)
            : new FormatResponse(DocumentFormatter.Format(parsed.Document), null, diagnostics);
    }

    private static ExamplesResponse Examples(string text, ClaimsPrincipal user, CompiledPlanCache compiled)
    {
        var result = Binder.Check(text);
        var diagnostics = result.Diagnostics.Select(DiagnosticResponse.From).ToList();
        if (result.HasErrors || result.Document is null)
        {
            return new ExamplesResponse([], diagnostics);
        }

        var outcomes = result.Document.Plans.SelectMany((plan, index) => ExampleRunner.Run(EngineFor(user, index, plan, compiled)));
        return new ExamplesResponse([.. outcomes.Select(o =>
        {
            var at = EditorPosition.FromSource(o.Span.Start);
            return new ExampleResponse(o.Plan, o.Example, o.Expected.ToString(CultureInfo.InvariantCulture), o.Actual.ToString(CultureInfo.InvariantCulture),
                o.Passed, at.LineNumber, at.Column);
        })], diagnostics);
    }

    private static async Task<RateResponse> Rate(RateRequest request, ClaimsPrincipal user, CompiledPlanCache compiled, ConsumerService consumers,
        ConsumerMeterReader reader, CancellationToken cancellationToken)
    {
        var result = Binder.Check(Require(request.Text));
        if (result.HasErrors || result.Document is null)
        {
            throw new CatalogValidationException(
                new Dictionary<string, string[]> { ["text"] = ["The document has errors; fix them before rating usage with it."] }, result.Diagnostics);
        }

        var plan = result.Document.FindPlan(request.Plan) ?? throw new CatalogValidationException("plan", request.Plan is null
            ? $"The document holds {result.Document.Plans.Count} plans; name the one to rate ({string.Join(", ", result.Document.Plans.Select(p => p.Name))})."
            : $"The document has no plan named '{request.Plan}'.");
        var (events, period) = await UsageOfAsync(request, PrincipalFactory.TenantOf(user), consumers, reader, cancellationToken);
        RatingResult rating;
        try
        {
            rating = PlanRater.Rate(EngineFor(user, result.Document.Plans.ToList().IndexOf(plan), plan, compiled), events, period);
        }
        catch (RatingException exception)
        {
            throw new CatalogValidationException("usage", exception.Message);
        }

        var minor = $"F{rating.Currency.MinorUnits}";
        return new RateResponse(rating.Plan, rating.Currency.Code, period.Start, period.End, events.Count,
            [.. rating.Lines.Select(l => new RateLineResponse(l.Kind.ToString(), l.Description, l.Meter, l.Group, l.Quantity, l.UnitPrice,
                l.RoundedAmount.ToString(minor, CultureInfo.InvariantCulture), l.Amount, l.Explanation))],
            rating.Total.ToString(minor, CultureInfo.InvariantCulture), rating.ExactTotal);
    }

    private static async Task<(IReadOnlyList<UsageEvent> Events, UsagePeriod Period)> UsageOfAsync(RateRequest request, Guid tenantId,
        ConsumerService consumers, ConsumerMeterReader reader, CancellationToken cancellationToken)
    {
        if (request.Usage is { } usage)
        {
            try
            {
                var file = UsageFile.Parse(usage.GetRawText());
                return (file.Events, file.Period ?? (file.Events.Count == 0
                    ? throw new CatalogValidationException("usage.period", "With no events, give the period to rate (\"period\": \"START..END\").")
                    : UsageFile.Covering(file.Events)));
            }
            catch (UsageFormatException exception)
            {
                throw new CatalogValidationException("usage", exception.Message);
            }
        }

        if (request.ConsumerId is null && string.IsNullOrWhiteSpace(request.Consumer))
        {
            throw new CatalogValidationException("usage", "Give the usage to rate: a usage file in 'usage', or 'consumer' (a code) or 'consumerId' with 'from' and 'to'.");
        }

        if (request.From is not { } from || request.To is not { } to || to <= from || to - from > UsageEndpoints.MaxRange)
        {
            throw new CatalogValidationException("to",
                $"A consumer's usage is read between 'from' and 'to'; both are required, 'to' must be later and at most {UsageEndpoints.MaxRange.TotalDays:N0} days later.");
        }

        var consumer = request.ConsumerId is { } consumerId
            ? await consumers.FindAsync(tenantId, consumerId, cancellationToken)
                ?? throw new CatalogValidationException("consumerId", $"There is no consumer {consumerId}.")
            : await consumers.FindByCodeAsync(tenantId, request.Consumer!, cancellationToken)
                ?? throw new CatalogValidationException("consumer", $"No consumer has the code '{request.Consumer!.Trim()}'.");
        var period = new UsagePeriod(from, to);
        return (await reader.EventsAsync(tenantId, consumer, period, cancellationToken), period);
    }

    // One compiled slot per person editing and plan position in the document: trying a draft again and again compiles
    // only when its code changed, and the previous draft's code is unloaded. Keyed by position, not name, so that
    // renaming a plan while typing cannot pile up slots that nothing ever frees.
    private static CompiledRatingEngine EngineFor(ClaimsPrincipal user, int index, BoundPlan plan, CompiledPlanCache compiled) =>
        compiled.Get($"{PrincipalFactory.TenantOf(user):N}/editor/{user.FindFirstValue(ClaimTypes.NameIdentifier)}/{index}", plan);

    private static string Require(string? text) => text switch
    {
        null => throw new CatalogValidationException("text", "The document text is required."),
        { Length: > MaxDocumentLength } => throw new CatalogValidationException("text",
            $"The document is {text.Length:N0} characters long; the limit is {MaxDocumentLength:N0}."),
        _ => text,
    };

    private static SymbolResponse SymbolOf(DeclarationSyntax declaration)
    {
        var (start, end) = (EditorPosition.FromSource(declaration.Name.Span.Start), EditorPosition.FromSource(declaration.Name.Span.End));
        var kind = declaration switch
        {
            MeterSyntax => "meter",
            PlanSyntax => "plan",
            ScheduleSyntax => "schedule",
            QuerySyntax => "query",
            _ => "declaration",
        };
        return new SymbolResponse(declaration.Name.Value, kind, start.LineNumber, start.Column, end.LineNumber, end.Column);
    }
}
