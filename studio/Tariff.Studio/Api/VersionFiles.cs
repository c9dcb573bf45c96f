using System.Text;

namespace Tariff.Studio.Api;

/// <summary>A published version as a download, named alike for plans, schedules and queries: <c>NAME-vN.tariff</c> or <c>NAME-vN.json</c>.</summary>
internal static class VersionFiles
{
    /// <summary>The version's text, or its canonical JSON when <paramref name="json"/>.</summary>
    public static IResult Of(string name, int version, string text, string documentJson, bool json) => json
        ? Results.File(Encoding.UTF8.GetBytes(documentJson), "application/json", $"{name}-v{version}.json")
        : Results.File(Encoding.UTF8.GetBytes(text), "text/plain; charset=utf-8", $"{name}-v{version}.tariff");
}
