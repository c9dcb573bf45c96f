using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace Tariff.Studio.Authentication;

/// <summary>Endpoints of the sign-in cookie that are not pages. Signing in is the login page's form.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/logout", Logout).ExcludeFromDescription();
        return endpoints;
    }

    // A POST with an antiforgery token, so that another site cannot sign a user out with a link or an image.
    private static async Task<IResult> Logout(HttpContext context, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Results.Problem("The sign-out form has expired; reload the page and try again.", statusCode: StatusCodes.Status400BadRequest);
        }

        await context.SignOutAsync(AuthenticationSchemes.Cookie);
        return Results.LocalRedirect("/account/login?signedOut=true");
    }
}
