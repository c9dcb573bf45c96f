using System.Globalization;
using System.Text;
using Tariff.Engine.Binding;

namespace Tariff.Engine.Rating;

/// <summary>Says in words and numbers how a charge model reached its amount, for invoice lines.</summary>
internal static class Explanations
{
    public static string Of(BoundPricing pricing, decimal billable, IReadOnlyList<decimal> eventValues) => pricing switch
    {
        PerUnitPricing p => $"per unit: {N(billable)} × {N(p.UnitPrice)}",
        GraduatedPricing g => "graduated: " + Graduated(billable, g.Tiers),
        VolumePricing v => "volume: " + Volume(billable, v.Tiers),
        PackagePricing p => billable <= 0
            ? "package: nothing to bill"
            : $"package: ⌈{N(billable)} / {N(p.Size)}⌉ = {N(decimal.Ceiling(billable / p.Size))} package(s) × {N(p.Price)}",
        PercentagePricing p => Percentage(eventValues, p),
        GraduatedPercentagePricing g => "graduated percentage: " + GraduatedPercentage(billable, g.Tiers),
        _ => pricing.GetType().Name,
    };

    public static decimal? UnitPrice(BoundPricing pricing, decimal billable) => pricing switch
    {
        PerUnitPricing p => p.UnitPrice,
        VolumePricing v when billable > 0 => v.Tiers.First(t => t.UpTo is null || billable <= t.UpTo).UnitPrice,
        _ => null,
    };

    private static string Graduated(decimal units, IReadOnlyList<BoundTier> tiers)
    {
        if (units <= 0)
        {
            return "nothing to bill";
        }

        var parts = new List<string>();
        var lower = 0m;
        foreach (var tier in tiers)
        {
            if (units <= lower)
            {
                break;
            }

            var upper = tier.UpTo ?? units;
            var inside = Math.Min(units, upper) - lower;
            var bound = tier.UpTo is { } upTo ? $"up to {N(upTo)}" : $"above {N(lower)}";
            parts.Add($"{N(inside)} × {N(tier.UnitPrice)} ({bound}){Flat(tier.Flat)}");
            lower = upper;
        }

        return string.Join(" + ", parts);
    }

    private static string Volume(decimal units, IReadOnlyList<BoundTier> tiers)
    {
        if (units <= 0)
        {
            return "nothing to bill";
        }

        var tier = tiers.First(t => t.UpTo is null || units <= t.UpTo);
        var bound = tier.UpTo is { } upTo ? $"the tier up to {N(upTo)}" : "the open tier";
        return $"{N(units)} in {bound}: {N(units)} × {N(tier.UnitPrice)}{Flat(tier.Flat)}";
    }

    private static string Percentage(IReadOnlyList<decimal> values, PercentagePricing p)
    {
        var text = new StringBuilder($"percentage: {N(p.RatePercent)}% of each event's amount");
        if (p.EventFee != 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" + {N(p.EventFee)} per charged event");
        }

        text.Append(CultureInfo.InvariantCulture, $"; {values.Count} event(s) totalling {N(values.Sum())}");
        if (p.FreeEvents is { } freeEvents)
        {
            text.Append(CultureInfo.InvariantCulture, $"; first {N(freeEvents)} event(s) free");
        }

        if (p.FreeAmount is { } freeAmount)
        {
            text.Append(CultureInfo.InvariantCulture, $"; first {N(freeAmount)} free");
        }

        if (p.EventMinimum is { } min)
        {
            text.Append(CultureInfo.InvariantCulture, $"; at least {N(min)} per event");
        }

        if (p.EventMaximum is { } max)
        {
            text.Append(CultureInfo.InvariantCulture, $"; at most {N(max)} per event");
        }

        return text.ToString();
    }

    private static string GraduatedPercentage(decimal total, IReadOnlyList<BoundRateTier> tiers)
    {
        if (total <= 0)
        {
            return "nothing to bill";
        }

        var parts = new List<string>();
        var lower = 0m;
        foreach (var tier in tiers)
        {
            if (total <= lower)
            {
                break;
            }

            var upper = tier.UpTo ?? total;
            var inside = Math.Min(total, upper) - lower;
            parts.Add($"{N(inside)} at {N(tier.RatePercent)}%{Flat(tier.Flat)}");
            lower = upper;
        }

        return string.Join(" + ", parts);
    }

    private static string Flat(decimal flat) => flat == 0 ? string.Empty : $" + flat {N(flat)}";

    public static string N(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
