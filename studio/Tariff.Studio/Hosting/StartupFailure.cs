using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Tariff.Platform.Database;

namespace Tariff.Studio.Hosting;

/// <summary>Turns the usual reasons a start fails into one clear line and an exit code, instead of a stack trace.</summary>
public static class StartupFailure
{
    /// <summary>The exit code when the database cannot be used.</summary>
    public const int DatabaseExitCode = 2;

    /// <summary>The exit code when the address to listen on is taken.</summary>
    public const int PortInUseExitCode = 3;

    /// <summary>Returns the message and exit code for a known failure, or null to let it propagate.</summary>
    public static (string Message, int ExitCode)? Describe(Exception exception, string? urls) => exception switch
    {
        DatabaseUnavailableException database => (database.Message, DatabaseExitCode),
        IOException { InnerException: AddressInUseException } or AddressInUseException
            or SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } =>
            ($"Cannot listen on {urls}: the port is already in use. Stop the process using it, or choose another address " +
             "with ASPNETCORE_URLS (for example http://127.0.0.1:5081).", PortInUseExitCode),
        _ => null,
    };
}
