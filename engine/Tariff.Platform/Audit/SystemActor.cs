namespace Tariff.Platform.Audit;

/// <summary>The actor outside any request: scheduled billing, metering, the command-line tool.</summary>
public sealed class SystemActor : IAuditActor
{
    public string Name => "system";
}
