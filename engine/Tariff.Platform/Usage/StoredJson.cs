using System.Text.Json;

namespace Tariff.Platform.Usage;

/// <summary>Measures and dimensions read back from a store's JSON; numbers are read from their text, exactly.</summary>
internal static class StoredJson
{
    public static Dictionary<string, decimal> Measures(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDecimal(), StringComparer.Ordinal);
    }

    public static Dictionary<string, string> Dimensions(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty, StringComparer.Ordinal);
    }
}
