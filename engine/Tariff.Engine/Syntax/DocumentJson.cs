using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tariff.Engine.Syntax;

/// <summary>
/// The canonical JSON form of a document: snake_case names, every property written (null when absent), decimals as
/// strings (exact, scale kept), no spans and no
/// comments. Used for downloads, diffs, the REST API and the assistant's structured output; it round-trips.
/// </summary>
public static class DocumentJson
{
    /// <summary>The serializer settings of the canonical form.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>The canonical JSON of a document.</summary>
    public static string Serialize(DocumentSyntax document) => JsonSerializer.Serialize(document, Options);

    /// <summary>Reads a document from its JSON form; throws <see cref="JsonException"/> naming the path of what is wrong.</summary>
    public static DocumentSyntax Deserialize(string json) =>
        JsonSerializer.Deserialize<DocumentSyntax>(json, Options) ?? throw new JsonException("The document is null.");

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            WriteIndented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            AllowOutOfOrderMetadataProperties = true,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.Converters.Add(new DecimalStringConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private sealed class DecimalStringConverter : JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            return text is not null && decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new JsonException("A number must be written as a decimal string such as \"0.05\".");
        }

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
    }
}
