using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Tariff.Platform.Usage.ClickHouse;

/// <summary>
/// ClickHouse's HTTP interface: statements go in the request body and results come back as JSONEachRow. The server
/// here (Debian's 18.16) has no query parameters, so every value reaches SQL through <see cref="Text"/> or as a
/// number formatted here.
/// </summary>
public sealed class ClickHouseClient(HttpClient http) : IDisposable
{
    /// <summary>
    /// An HTTP client for the server at <paramref name="url"/>. A user and password in the address
    /// (<c>http://user:password@host:8123/</c>) are sent as HTTP basic authentication, which ClickHouse accepts.
    /// </summary>
    public static HttpClient CreateHttp(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var http = new HttpClient { BaseAddress = new UriBuilder(url) { UserName = string.Empty, Password = string.Empty }.Uri, Timeout = TimeSpan.FromSeconds(60) };
        if (url.UserInfo.Length > 0)
        {
            var credentials = Uri.UnescapeDataString(url.UserInfo);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }

        return http;
    }

    /// <summary>Runs a statement (and its data, for inserts); throws <see cref="ClickHouseException"/> with the server's message.</summary>
    public async Task ExecuteAsync(string statement, string? data = null, CancellationToken cancellationToken = default)
    {
        var body = data is null ? statement : statement + "\n" + data;
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        using var response = await http.PostAsync(string.Empty, content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new ClickHouseException($"ClickHouse refused `{FirstLine(statement)}`: {(await response.Content.ReadAsStringAsync(cancellationToken)).Trim()}");
        }
    }

    /// <summary>Runs a query ending in <c>FORMAT JSONEachRow</c> and returns its rows.</summary>
    public async Task<List<JsonElement>> QueryAsync(string query, CancellationToken cancellationToken = default)
    {
        using var content = new StringContent(query, Encoding.UTF8);
        using var response = await http.PostAsync(string.Empty, content, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new ClickHouseException($"ClickHouse refused `{FirstLine(query)}`: {text.Trim()}");
        }

        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone())];
    }

    /// <summary>A string literal: backslashes and quotes escaped, as ClickHouse reads them.</summary>
    public static string Text(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
    }

    /// <summary>A whole number as SQL.</summary>
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public void Dispose() => http.Dispose();

    private static string FirstLine(string sql) => sql.Split('\n')[0].Trim();
}

/// <summary>An error ClickHouse reported.</summary>
public sealed class ClickHouseException : Exception
{
    public ClickHouseException()
    {
    }

    public ClickHouseException(string message) : base(message)
    {
    }

    public ClickHouseException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
