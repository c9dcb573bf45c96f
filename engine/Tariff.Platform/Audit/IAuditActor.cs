namespace Tariff.Platform.Audit;

/// <summary>Who is making the current change, as the audit log names them. The studio answers with the signed-in person or API key.</summary>
public interface IAuditActor
{
    /// <summary>A name for the log, such as <c>Ada Admin (user)</c>, <c>kong eu (api key)</c> or <c>system</c>.</summary>
    string Name { get; }
}
