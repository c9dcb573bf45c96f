using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Tariff.Studio.Tests.Pages;

/// <summary>
/// Submits a studio page's server-rendered form the way a browser does: the page is fetched, the form's hidden fields
/// (antiforgery token, handler name) are kept, and the typed values and the pressed button are added.
/// </summary>
public static class StudioForms
{
    public static async Task<IDocument> PageAsync(HttpClient browser, string path) =>
        await new HtmlParser().ParseDocumentAsync(await browser.GetStringAsync(path));

    /// <summary>Posts the form matched by <paramref name="formSelector"/> on <paramref name="path"/>; the answer is returned unread (it may redirect).</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient browser, string path, string formSelector, IEnumerable<KeyValuePair<string, string>> values)
    {
        var page = await PageAsync(browser, path);
        var form = page.QuerySelector(formSelector) ?? throw new InvalidOperationException($"{path} has no form '{formSelector}'.");
        var fields = form.QuerySelectorAll("input[type=hidden]")
            .Where(input => input.GetAttribute("name") is "__RequestVerificationToken" or "_handler")
            .Select(input => new KeyValuePair<string, string>(input.GetAttribute("name")!, input.GetAttribute("value") ?? string.Empty))
            .Concat(values);
        var action = form.GetAttribute("action") is { Length: > 0 } target ? target : path;
        return await browser.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    /// <summary>Posts the form and reads the page it answers with (a validation error or a message; no redirect expected).</summary>
    public static async Task<IDocument> SubmitAsync(HttpClient browser, string path, string formSelector, params (string Name, string Value)[] values)
    {
        using var response = await PostAsync(browser, path, formSelector, values.Select(v => new KeyValuePair<string, string>(v.Name, v.Value)));
        var html = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {html[..Math.Min(html.Length, 2000)]}");
        }

        return await new HtmlParser().ParseDocumentAsync(html);
    }

    public static string? Text(this IDocument page, string testId) => page.QuerySelector($"[data-testid={testId}]")?.TextContent.Trim();
}
