namespace Tariff.Engine.Binding;

/// <summary>The fields a document can name: built-in event fields, and <c>measures.NAME</c> / <c>dimensions.NAME</c>.</summary>
public static class FieldCatalog
{
    /// <summary>The built-in fields by name.</summary>
    public static IReadOnlyDictionary<string, EventField> BuiltIn { get; } = new Dictionary<string, EventField>(StringComparer.Ordinal)
    {
        ["consumer"] = EventField.Consumer,
        ["product"] = EventField.Product,
        ["route"] = EventField.Route,
        ["path"] = EventField.Path,
        ["method"] = EventField.Method,
        ["status"] = EventField.Status,
        ["latency_ms"] = EventField.LatencyMs,
        ["request_bytes"] = EventField.RequestBytes,
        ["response_bytes"] = EventField.ResponseBytes,
    };

    /// <summary>Resolves a dotted path; null when no such field exists.</summary>
    public static BoundField? Resolve(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var dot = path.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return BuiltIn.TryGetValue(path, out var field) ? new BoundField(path, field, null) : null;
        }

        var (head, key) = (path[..dot], path[(dot + 1)..]);
        return head switch
        {
            "measures" => new BoundField(path, EventField.Measure, key),
            "dimensions" => new BoundField(path, EventField.Dimension, key),
            _ => null,
        };
    }

    /// <summary>Every name a person might have meant, for suggestions.</summary>
    public static IEnumerable<string> Suggestions => BuiltIn.Keys.Concat(["measures.NAME", "dimensions.NAME"]);
}
