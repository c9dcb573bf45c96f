namespace Tariff.Platform.Billing;

/// <summary>Billing settings (section <c>Billing</c>).</summary>
public sealed class BillingOptions
{
    public const string Section = "Billing";

    /// <summary>How long after its period an invoice stays a draft, so that late usage still lands on it.</summary>
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How far back finalized invoices are re-rated for late usage (the ingest deduplication window by default).</summary>
    public TimeSpan LateUsageWindow { get; set; } = TimeSpan.FromDays(35);
}
