namespace Tariff.Platform.Metering;

/// <summary>Real-time counter settings (section <c>Tariff:Metering</c>).</summary>
public sealed class MeteringOptions
{
    public const string Section = "Tariff:Metering";

    /// <summary>
    /// How long a tenant's consumers, identities and subscriptions are reused before they are read again: a new
    /// mapping or subscription reaches the counters and the entitlement check within this time.
    /// </summary>
    public TimeSpan CatalogRefresh { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often meters that cannot be added batch by batch (unique, latest, time-weighted) are recomputed.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often every open period's counters are checked against the usage store and repaired.</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMinutes(10);
}
