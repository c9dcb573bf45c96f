using System.Globalization;
using Tariff.Platform.Assistant;

namespace Tariff.Studio.Api;

/// <summary>
/// Turns an <see cref="AssistantUnavailableException"/> into an RFC 7807 problem: 503 when no provider is configured
/// (the studio cannot help until one is), 502 when the provider failed (the fault is upstream; asking again may work).
/// A tenant over its assistant limits gets 429 with Retry-After.
/// </summary>
public sealed class AssistantProblems : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(context);
        }
        catch (AssistantLimitException limited)
        {
            context.HttpContext.Response.Headers.RetryAfter = ((long)Math.Ceiling(limited.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "The assistant's limit for this tenant is reached",
                detail: limited.Message);
        }
        catch (AssistantUnavailableException failure)
        {
            var configured = failure.ProviderConfigured;
            return TypedResults.Problem(
                statusCode: configured ? StatusCodes.Status502BadGateway : StatusCodes.Status503ServiceUnavailable,
                title: configured ? "The assistant's model provider failed" : "The assistant is not configured",
                detail: failure.Message);
        }
    }
}
