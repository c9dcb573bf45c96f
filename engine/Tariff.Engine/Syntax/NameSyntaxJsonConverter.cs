using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tariff.Engine.Syntax;

/// <summary>Writes a <see cref="NameSyntax"/> as a plain JSON string.</summary>
public sealed class NameSyntaxJsonConverter : JsonConverter<NameSyntax>
{
    public override NameSyntax Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(reader.GetString() ?? throw new JsonException("A name must be a string."));

    public override void Write(Utf8JsonWriter writer, NameSyntax value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.Value);
    }
}
