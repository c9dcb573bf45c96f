using Tariff.Engine.Text;

namespace Tariff.Engine.Binding;

/// <summary>A checked charge: the meter it prices and how.</summary>
/// <param name="Meter">The meter priced.</param>
/// <param name="By">The grouping field that selects the pricing, or null for one pricing.</param>
/// <param name="Pricing">The pricing when not by a field.</param>
/// <param name="When">The pricing of each value of <paramref name="By"/>.</param>
/// <param name="Otherwise">The pricing of other values of <paramref name="By"/>; without it they are not charged.</param>
/// <param name="Free">Units included free before pricing.</param>
/// <param name="Minimum">The least this charge bills per period (a true-up line makes up the difference).</param>
/// <param name="Maximum">The most this charge bills per period.</param>
/// <param name="Discounts">Discounts, in order.</param>
public sealed record BoundCharge(
    BoundMeter Meter,
    BoundField? By,
    BoundPricing? Pricing,
    IReadOnlyDictionary<string, BoundPricing> When,
    BoundPricing? Otherwise,
    decimal Free,
    decimal? Minimum,
    decimal? Maximum,
    IReadOnlyList<BoundDiscount> Discounts)
{
    /// <summary>Where the charge is written, for run-time errors.</summary>
    public SourceSpan Span { get; init; }
}
