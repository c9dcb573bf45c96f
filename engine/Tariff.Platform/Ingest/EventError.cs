namespace Tariff.Platform.Ingest;

/// <summary>Why an event was refused: the field at fault (a JSON path such as <c>[3].timestamp</c>) and the reason.</summary>
public sealed record EventError(string Field, string Reason)
{
    /// <summary>Splits a <see cref="Tariff.Engine.Usage.UsageFormatException"/> message, which starts with the path.</summary>
    public static EventError FromMessage(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var colon = message.IndexOf(": ", StringComparison.Ordinal);
        return colon > 0 ? new EventError(message[..colon], message[(colon + 2)..]) : new EventError(string.Empty, message);
    }
}
