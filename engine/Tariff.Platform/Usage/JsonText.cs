using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Tariff.Platform.Usage;

/// <summary>Measures and dimensions as JSON text for jsonb columns, through one reused buffer (decimals keep their digits).</summary>
internal sealed class JsonText : IDisposable
{
    private readonly ArrayBufferWriter<byte> buffer = new(256);
    private readonly Utf8JsonWriter writer;

    public JsonText() => writer = new Utf8JsonWriter(buffer);

    public string? Of(IReadOnlyDictionary<string, decimal>? values)
    {
        if (values is not { Count: > 0 })
        {
            return null;
        }

        Start();
        foreach (var (name, value) in values)
        {
            writer.WriteNumber(name, value);
        }

        return Finish();
    }

    public string? Of(IReadOnlyDictionary<string, string>? values)
    {
        if (values is not { Count: > 0 })
        {
            return null;
        }

        Start();
        foreach (var (name, value) in values)
        {
            writer.WriteString(name, value);
        }

        return Finish();
    }

    private void Start()
    {
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        writer.WriteStartObject();
    }

    public void Dispose() => writer.Dispose();

    private string Finish()
    {
        writer.WriteEndObject();
        writer.Flush();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
