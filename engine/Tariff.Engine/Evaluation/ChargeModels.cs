using Tariff.Engine.Binding;

namespace Tariff.Engine.Evaluation;

/// <summary>
/// The charge models as plain functions of decimals: the reference semantics. The interpreter calls them; the
/// generated code inlines the same arithmetic in the same order, so both give the same decimal to the last digit.
/// </summary>
public static class ChargeModels
{
    /// <summary>Every unit at one price.</summary>
    public static decimal PerUnit(decimal units, decimal unitPrice) => units * unitPrice;

    /// <summary>Each tier prices the units inside it; a tier's flat fee once reached; zero units cost zero.</summary>
    public static decimal Graduated(decimal units, IReadOnlyList<BoundTier> tiers)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        var amount = 0m;
        var lower = 0m;
        foreach (var tier in tiers)
        {
            if (units <= lower)
            {
                break;
            }

            var upper = tier.UpTo ?? units;
            var inside = (units < upper ? units : upper) - lower;
            amount += inside * tier.UnitPrice + tier.Flat;
            lower = upper;
        }

        return amount;
    }

    /// <summary>
    /// A fully used tier on top of the amount of the tiers below it, in the order <see cref="Graduated"/> and
    /// <see cref="GraduatedPercentage"/> add it, so the digits and scale are theirs; null when it overflows.
    /// </summary>
    public static decimal? FullTier(decimal? below, decimal width, decimal price, decimal flat, bool percent)
    {
        try
        {
            return below + (percent ? width * price / 100m + flat : width * price + flat);
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>The tier containing the total prices every unit, plus its flat fee; zero units cost zero.</summary>
    public static decimal Volume(decimal units, IReadOnlyList<BoundTier> tiers)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        if (units <= 0)
        {
            return 0m;
        }

        foreach (var tier in tiers)
        {
            if (tier.UpTo is null || units <= tier.UpTo)
            {
                return units * tier.UnitPrice + tier.Flat;
            }
        }

        throw new InvalidOperationException("A volume pricing without an open tier passed the binder.");
    }

    /// <summary>Every started package costs its price; zero units cost zero.</summary>
    public static decimal Package(decimal units, decimal size, decimal price) =>
        units <= 0 ? 0m : decimal.Ceiling(units / size) * price;

    /// <summary>
    /// Per event: the rate of the chargeable amount plus the fee, within the per-event minimum and maximum. The free
    /// allowance covers the first events and/or the first amount; it ends when either runs out. An event that is
    /// wholly free costs nothing; one partly free pays the rate on the rest, and the fee.
    /// </summary>
    public static decimal Percentage(IReadOnlyList<decimal> eventValues, PercentagePricing pricing)
    {
        ArgumentNullException.ThrowIfNull(eventValues);
        ArgumentNullException.ThrowIfNull(pricing);
        var amount = 0m;
        var seenAmount = 0m;
        var count = 0m;
        foreach (var value in eventValues)
        {
            count++;
            var chargeable = value;
            var withinFreeEvents = pricing.FreeEvents is null || count <= pricing.FreeEvents;
            if (withinFreeEvents && (pricing.FreeEvents is not null || pricing.FreeAmount is not null))
            {
                var freePart = value;
                if (pricing.FreeAmount is { } freeAmount)
                {
                    var remaining = freeAmount - seenAmount;
                    freePart = remaining <= 0 ? 0 : (value < remaining ? value : remaining);
                }

                chargeable = value - freePart;
            }

            seenAmount += value;
            if (chargeable <= 0)
            {
                continue;
            }

            var charge = chargeable * pricing.RatePercent / 100m + pricing.EventFee;
            if (pricing.EventMinimum is { } minimum && charge < minimum)
            {
                charge = minimum;
            }

            if (pricing.EventMaximum is { } maximum && charge > maximum)
            {
                charge = maximum;
            }

            amount += charge;
        }

        return amount;
    }

    /// <summary>Each slice of the total inside a tier at that tier's rate; a tier's flat fee once the total enters it.</summary>
    public static decimal GraduatedPercentage(decimal total, IReadOnlyList<BoundRateTier> tiers)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        var amount = 0m;
        var lower = 0m;
        foreach (var tier in tiers)
        {
            if (total <= lower)
            {
                break;
            }

            var upper = tier.UpTo ?? total;
            var inside = (total < upper ? total : upper) - lower;
            amount += inside * tier.RatePercent / 100m + tier.Flat;
            lower = upper;
        }

        return amount;
    }
}
