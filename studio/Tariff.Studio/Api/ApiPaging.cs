using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

namespace Tariff.Studio.Api;

/// <summary>
/// How the API's long lists page: <c>limit</c> and <c>offset</c> in the query, <c>X-Total-Count</c> for how many
/// match, and <c>Link: &lt;…&gt;; rel="next"</c> (RFC 8288) to the same request's next page while there is one.
/// </summary>
internal static class ApiPaging
{
    /// <summary>The most items one page holds, and its default.</summary>
    public const int MaxPage = 1000;

    /// <summary>The problem with <paramref name="limit"/> or <paramref name="offset"/>, naming the field; null when both are fine.</summary>
    private static IResult? Refusal(int? limit, int? offset) =>
        offset is < 0 ? Results.ValidationProblem(new Dictionary<string, string[]> { ["offset"] = ["must be 0 or more."] })
        : limit is < 1 or > MaxPage ? Results.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"must be 1 to {MaxPage:N0}."] })
        : null;

    /// <summary>
    /// Answers one page: refuses a bad <paramref name="limit"/> or <paramref name="offset"/>, else reads the page
    /// (<paramref name="readPage"/> gets offset and limit) and the count, and describes both in the headers.
    /// </summary>
    public static async Task<IResult> AnswerAsync<T>(HttpContext context, int? limit, int? offset, Func<Task<int>> count,
        Func<int, int, Task<IReadOnlyList<T>>> readPage)
    {
        ArgumentNullException.ThrowIfNull(count);
        ArgumentNullException.ThrowIfNull(readPage);
        if (Refusal(limit, offset) is { } refusal)
        {
            return refusal;
        }

        var (take, skip) = (limit ?? MaxPage, offset ?? 0);
        var page = await readPage(skip, take);
        Describe(context, await count(), skip, take, page.Count);
        return Results.Ok(page);
    }

    /// <summary>Says how many match and, when more follow the <paramref name="shown"/> items from <paramref name="offset"/>, where they are.</summary>
    private static void Describe(HttpContext context, int total, int offset, int limit, int shown)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers["X-Total-Count"] = total.ToString(CultureInfo.InvariantCulture);
        if (offset + shown < total)
        {
            var query = context.Request.Query.ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
            query["limit"] = limit.ToString(CultureInfo.InvariantCulture);
            query["offset"] = (offset + shown).ToString(CultureInfo.InvariantCulture);
            context.Response.Headers.Link = $"<{QueryHelpers.AddQueryString(context.Request.Path, query)}>; rel=\"next\"";
        }
    }
}
