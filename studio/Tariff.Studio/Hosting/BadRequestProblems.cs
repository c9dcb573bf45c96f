using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Tariff.Studio.Hosting;

/// <summary>
/// A request the framework could not bind (a query value that is not a GUID, a number or a date, say) is the
/// caller's mistake: it answers 400 with a problem document that says which value, instead of the 500 the exception
/// handler gives any other exception.
/// </summary>
public sealed class BadRequestProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        // The framework's message names the parameter and the value it was given ("Failed to bind parameter
        // \"Guid? consumerId\" from \"abc\"."), and nothing of the server's own.
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = bad.StatusCode, Title = "The request could not be read.", Detail = bad.Message },
        });
    }
}
