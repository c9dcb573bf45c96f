namespace Tariff.Platform.Alerts;

/// <summary>Email delivery of alerts (section <c>Tariff:Smtp</c>); without a host, alerts are not emailed.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Tariff:Smtp";

    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    /// <summary>The sender address.</summary>
    public string From { get; set; } = "tariff@localhost";

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>STARTTLS before authenticating.</summary>
    public bool EnableSsl { get; set; }

    public bool Configured => !string.IsNullOrWhiteSpace(Host);
}
