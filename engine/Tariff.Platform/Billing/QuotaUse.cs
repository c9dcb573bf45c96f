namespace Tariff.Platform.Billing;

/// <summary>A plan quota against a period's use: <c>Kind</c> is <c>hard</c> (denies beyond) or <c>soft</c> (alerts).</summary>
/// <remarks>
/// <c>Used</c>: The meter's total, or null when the plan has no charge on the meter to measure it with.
/// </remarks>
public sealed record QuotaUse(string Meter, decimal Limit, string Kind, decimal? Used)
{
    /// <summary>What is left before the limit, never below zero; null when unmeasured.</summary>
    public decimal? Remaining => Used is { } used ? Math.Max(0, Limit - used) : null;
}
