using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Tariff.Platform.Usage;

/// <summary>Measures and dimensions as JSON text for jsonb columns, through one reused buffer (decimals keep their digits).</summary>
public sealed class JsonText : IDisposable
{
    private readonly ArrayBufferWriter<byte> buffer = new(256);
    private readonly Utf8JsonWriter writer;

    public JsonText() => writer = new Utf8JsonWriter(buffer);

    public string? Of(IReadOnlyDictionary<string, decimal>? values) => Of(values, static (json, name, value) => json.WriteNumber(name, value));

    public string? Of(IReadOnlyDictionary<string, string>? values) => Of(values, static (json, name, value) => json.WriteString(name, value));

    public void Dispose() => writer.Dispose();

    private string? Of<T>(IReadOnlyDictionary<string, T>? values, Action<Utf8JsonWriter, string, T> write)
    {
        if (values is not { Count: > 0 })
        {
            return null;
        }

        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        writer.WriteStartObject();
        foreach (var (name, value) in values)
        {
            write(writer, name, value);
        }

        writer.WriteEndObject();
        writer.Flush();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
