using Tariff.Platform.Billing;
using Tariff.Platform.Catalog;

namespace Tariff.Studio.Api;

/// <summary>
/// Turns a <see cref="CatalogValidationException"/> into an RFC 7807 validation problem naming each field, with the
/// pricing checker's diagnostics (ids, messages, positions) when the problem is a plan's text; and an
/// <see cref="InvoiceStateException"/> into 409 Conflict.
/// </summary>
public sealed class CatalogProblems : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(context);
        }
        catch (CatalogValidationException exception)
        {
            var extensions = exception.Diagnostics.Count == 0
                ? null
                : new Dictionary<string, object?> { ["diagnostics"] = exception.Diagnostics.Select(DiagnosticResponse.From).ToList() };
            return TypedResults.ValidationProblem(exception.Errors.ToDictionary(e => e.Key, e => e.Value), extensions: extensions);
        }
        catch (InvoiceStateException conflict)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The invoice cannot change that way", detail: conflict.Message);
        }
    }
}
