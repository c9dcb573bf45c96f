using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tariff.Engine.Syntax;

/// <summary>Writes a <see cref="FieldSyntax"/> as its dotted path.</summary>
public sealed class FieldSyntaxJsonConverter : JsonConverter<FieldSyntax>
{
    public override FieldSyntax Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(reader.GetString() ?? throw new JsonException("A field must be a string."));

    public override void Write(Utf8JsonWriter writer, FieldSyntax value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.Path);
    }
}
