using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Tariff.Platform.Ingest;
using Tariff.Studio.Authentication;

namespace Tariff.Studio.Api;

/// <summary>
/// Usage ingest: <c>POST /api/v1/events</c> in canonical JSON, NDJSON or CloudEvents, and gateways' own log formats
/// (<c>POST /api/v1/ingest/kong</c>); a gateway plugs in with an <see cref="IUsageDecoder"/> and one route here.
/// Events are acknowledged only after they are committed; the answer lists each event as accepted, duplicate or
/// rejected (with the field and the reason).
/// </summary>
public static class IngestEndpoints
{
    private static readonly Dictionary<string, IUsageDecoder> KongDecoders = new(StringComparer.OrdinalIgnoreCase)
    {
        ["application/json"] = new KongLogDecoder(lines: false),
        ["application/x-ndjson"] = new KongLogDecoder(lines: true),
    };

    private static readonly Dictionary<string, IUsageDecoder> CanonicalDecoders = new(StringComparer.OrdinalIgnoreCase)
    {
        ["application/json"] = new CanonicalJsonDecoder(),
        ["application/x-ndjson"] = new NdjsonDecoder(),
        ["application/cloudevents+json"] = new CloudEventsDecoder(batch: false),
        ["application/cloudevents-batch+json"] = new CloudEventsDecoder(batch: true),
    };

    public static IEndpointRouteBuilder MapIngestApi(this IEndpointRouteBuilder endpoints)
    {
        var ingest = endpoints.MapGroup("/api/v1").RequireAuthorization(Policies.Ingest).WithTags("Usage ingest");
        ingest.MapPost("/events", (HttpContext context, IngestService service, IngestGate gate, IOptions<IngestOptions> options, TimeProvider clock) =>
                IngestAsync(context, CanonicalDecoders, service, gate, options.Value, clock))
            .WithName("IngestEvents")
            .WithSummary("Stores usage events (canonical JSON array, NDJSON, CloudEvents or a CloudEvents batch) exactly once per tenant, source and id.")
            .WithIngestResponses();
        ingest.MapPost("/ingest/kong", (HttpContext context, IngestService service, IngestGate gate, IOptions<IngestOptions> options, TimeProvider clock) =>
                IngestAsync(context, KongDecoders, service, gate, options.Value, clock))
            .WithName("IngestKongLogs")
            .WithSummary("Stores Kong log records (http-log: one object or a batched array; file-log/tcp-log: NDJSON) as usage events.")
            .WithIngestResponses();
        return endpoints;
    }

    private static RouteHandlerBuilder WithIngestResponses(this RouteHandlerBuilder route) => route
        .Produces<IngestReport>(StatusCodes.Status200OK)
        .Produces<IngestReport>(StatusCodes.Status422UnprocessableEntity)
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
        .ProducesProblem(StatusCodes.Status429TooManyRequests);

    private static async Task<IResult> IngestAsync(HttpContext context, Dictionary<string, IUsageDecoder> decoders, IngestService service,
        IngestGate gate, IngestOptions options, TimeProvider clock)
    {
        var mediaType = context.Request.ContentType?.Split(';')[0].Trim() ?? string.Empty;
        if (!decoders.TryGetValue(mediaType, out var decoder))
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type",
                $"Send events as {string.Join(", ", decoders.Keys)}, not '{(mediaType.Length == 0 ? "(none)" : mediaType)}'.");
        }

        var body = await RequestBody.ReadAsync(context.Request, options.MaxRequestBytes, context.RequestAborted);
        if (body is null)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Request too large",
                $"A request may carry at most {options.MaxRequestBytes:N0} bytes; split the batch.");
        }

        using var slot = await gate.EnterAsync(context.RequestAborted);
        if (slot is null)
        {
            context.Response.Headers.RetryAfter = "1";
            return Problem(StatusCodes.Status429TooManyRequests, "Busy", "Too many batches are being written; send this one again after the Retry-After delay.");
        }

        IReadOnlyList<DecodedEvent> decoded;
        try
        {
            decoded = decoder.Decode(body.Value, clock.GetUtcNow());
        }
        catch (IngestFormatException error)
        {
            return Problem(StatusCodes.Status400BadRequest, "Unreadable body", error.Message);
        }

        if (decoded.Count > options.MaxEventsPerBatch)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Batch too large",
                $"The batch holds {decoded.Count:N0} events; the limit is {options.MaxEventsPerBatch:N0} per request.");
        }

        var report = await service.IngestAsync(PrincipalFactory.TenantOf(context.User), decoded, context.RequestAborted);
        return report.Rejected == 0 ? TypedResults.Ok(report) : TypedResults.UnprocessableEntity(report);
    }

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title);
}
