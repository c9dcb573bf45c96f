namespace Tariff.Platform.Ingest;

/// <summary>A request body that cannot be read at all (not JSON, not an array): the whole request is refused with 400.</summary>
public sealed class IngestFormatException : Exception
{
    public IngestFormatException()
    {
    }

    public IngestFormatException(string message) : base(message)
    {
    }

    public IngestFormatException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
