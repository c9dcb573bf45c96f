namespace Tariff.Engine.Usage;

/// <summary>Usage data that is not in the canonical form; the message starts with the JSON path of the problem.</summary>
public sealed class UsageFormatException : Exception
{
    public UsageFormatException()
    {
    }

    public UsageFormatException(string message) : base(message)
    {
    }

    public UsageFormatException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
