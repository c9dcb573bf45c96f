namespace Tariff.Platform.Database;

/// <summary>The database could not be reached or used; the message names the server and what to do.</summary>
public sealed class DatabaseUnavailableException : Exception
{
    public DatabaseUnavailableException()
    {
    }

    public DatabaseUnavailableException(string message) : base(message)
    {
    }

    public DatabaseUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Wraps a connection failure in a message that says which server was tried, from which setting.</summary>
    public static DatabaseUnavailableException From(TariffDatabaseSettings settings, Exception cause)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(cause);
        var reason = cause.InnerException is { } inner && cause.Message.StartsWith("Exception while", StringComparison.Ordinal)
            ? inner.Message
            : cause.Message;
        return new DatabaseUnavailableException(
            $"Cannot use PostgreSQL at {settings.Host}:{settings.Port} (database '{settings.Database}', from {settings.Source}): {reason}",
            cause);
    }
}
