using Tariff.Engine.Diagnostics;
using Tariff.Engine.Syntax;
using Tariff.Engine.Text;

namespace Tariff.Engine.Binding;

/// <summary>Checks charges: the meter and grouping, every pricing and its tiers, adjustments and discounts.</summary>
internal static class ChargeBinder
{
    internal static BoundCharge? BindCharge(ChargeSyntax charge, Dictionary<string, BoundMeter?> meters, MoneyChecker money, BindingContext context)
    {
        var errorsBefore = context.ErrorCount;
        if (!meters.TryGetValue(charge.Meter.Value, out var meter))
        {
            context.Error(DiagnosticIds.UnknownMeter, charge.Meter.Span,
                $"unknown meter `{charge.Meter.Value}`{NameSuggester.Hint(charge.Meter.Value, meters.Keys)}");
        }

        BoundField? by = null;
        if (charge.By is { } byField && meter is not null)
        {
            by = meter.GroupBy.FirstOrDefault(g => g.Path == byField.Path);
            if (by is null)
            {
                context.Error(DiagnosticIds.InvalidGrouping, byField.Span, meter.GroupBy.Count == 0
                    ? $"meter `{meter.Name}` is not grouped; add `group by {byField.Path}` to it to price by `{byField.Path}`"
                    : $"meter `{meter.Name}` is grouped by {string.Join(", ", meter.GroupBy.Select(g => $"`{g.Path}`"))}, not `{byField.Path}`");
            }
        }

        if (charge.By is null && (charge.When.Count > 0 || charge.Otherwise is not null))
        {
            context.Error(DiagnosticIds.InvalidGrouping, charge.Meter.Span, "`when` and `otherwise` price the groups of a charge `by` a field; add `by FIELD` after the meter");
        }

        if (charge.By is not null && charge.Pricing is not null)
        {
            context.Error(DiagnosticIds.InvalidGrouping, charge.Pricing.Span, "a charge `by` a field prices each group with `when \"value\" …` and `otherwise …`");
        }

        var pricing = charge.Pricing is null ? null : BindPricing(charge.Pricing, meter, charge, money, context);
        var when = new Dictionary<string, BoundPricing>(StringComparer.Ordinal);
        foreach (var group in charge.When)
        {
            if (when.ContainsKey(group.Value))
            {
                context.Error(DiagnosticIds.DuplicateItem, group.Span, $"\"{group.Value}\" is already priced in this charge");
            }
            else if (BindPricing(group.Pricing, meter, charge, money, context) is { } bound)
            {
                when[group.Value] = bound;
            }
        }

        var otherwise = charge.Otherwise is null ? null : BindPricing(charge.Otherwise, meter, charge, money, context);
        if (charge.Free is < 0)
        {
            context.Error(DiagnosticIds.ValueOutOfRange, charge.Span, $"a free allowance cannot be negative ({charge.Free})");
        }

        decimal? minimum = charge.Minimum is null ? null : money.NonNegative(charge.Minimum, "a minimum");
        decimal? maximum = charge.Maximum is null ? null : money.NonNegative(charge.Maximum, "a maximum");
        if (minimum > maximum)
        {
            context.Error(DiagnosticIds.ValueOutOfRange, charge.Maximum!.Span, $"the maximum ({maximum}) is below the minimum ({minimum})");
        }

        var discounts = new List<BoundDiscount>();
        foreach (var discount in charge.Discounts)
        {
            if (discount.Percent is { } percent && percent is < 0 or > 100)
            {
                context.Error(DiagnosticIds.ValueOutOfRange, discount.Span, $"a discount is between 0% and 100%, not {percent}%");
            }

            discounts.Add(new BoundDiscount(discount.Percent, discount.Amount is null ? null : money.NonNegative(discount.Amount, "a discount"), discount.Until));
        }

        if (meter is null || context.ErrorCount > errorsBefore)
        {
            return null;
        }

        return new BoundCharge(meter, by, pricing, when, otherwise, charge.Free ?? 0, minimum, maximum, discounts) { Span = charge.Span };
    }

    private static BoundPricing? BindPricing(PricingSyntax pricing, BoundMeter? meter, ChargeSyntax charge, MoneyChecker money, BindingContext context)
    {
        switch (pricing)
        {
            case PerUnitPricingSyntax perUnit:
                return new PerUnitPricing(money.NonNegative(perUnit.Price, "a unit price"));
            case GraduatedPricingSyntax graduated:
                return new GraduatedPricing(BindTiers(graduated.Tiers, graduated.Span, money, context));
            case VolumePricingSyntax volume:
                return new VolumePricing(BindTiers(volume.Tiers, volume.Span, money, context));
            case PackagePricingSyntax package:
                if (package.Size <= 0)
                {
                    context.Error(DiagnosticIds.ValueOutOfRange, package.Span, $"a package holds more than zero units, not {package.Size}");
                }

                return new PackagePricing(package.Size, money.NonNegative(package.Price, "a package price"));
            case PercentagePricingSyntax percentage:
                RequireEventAmounts(meter, percentage, context);
                if (charge.Free is not null)
                {
                    context.Error(DiagnosticIds.IncompatibleMeter, percentage.Span,
                        "a percentage has its own allowance: use `free first N events` or `free first AMOUNT` inside it instead of `free`");
                }

                CheckRate(percentage.Rate, percentage.Span, context);
                if (percentage.FreeEvents is { } freeEvents && (freeEvents < 0 || freeEvents != decimal.Truncate(freeEvents)))
                {
                    context.Error(DiagnosticIds.ValueOutOfRange, percentage.Span, $"free events are a whole number, not {freeEvents}");
                }

                var min = percentage.EventMinimum is null ? (decimal?)null : money.NonNegative(percentage.EventMinimum, "a minimum");
                var max = percentage.EventMaximum is null ? (decimal?)null : money.NonNegative(percentage.EventMaximum, "a maximum");
                if (min > max)
                {
                    context.Error(DiagnosticIds.ValueOutOfRange, percentage.Span, $"the maximum per event ({max}) is below the minimum ({min})");
                }

                return new PercentagePricing(percentage.Rate, percentage.EventFee is null ? 0 : money.NonNegative(percentage.EventFee, "a fee"),
                    percentage.FreeEvents, percentage.FreeAmount is null ? null : money.NonNegative(percentage.FreeAmount, "a free amount"), min, max);
            case GraduatedPercentagePricingSyntax rates:
                CheckBounds(rates.Tiers.Select(t => (t.UpTo, t.Span)).ToList(), rates.Span, context);
                foreach (var tier in rates.Tiers)
                {
                    CheckRate(tier.Rate, tier.Span, context);
                }

                return new GraduatedPercentagePricing([.. rates.Tiers.Select(t =>
                    new BoundRateTier(t.UpTo, t.Rate, t.Flat is null ? 0 : money.NonNegative(t.Flat, "a flat fee")))]);
            default:
                throw new InvalidOperationException($"Unknown pricing {pricing.GetType().Name}.");
        }
    }

    private static void RequireEventAmounts(BoundMeter? meter, PricingSyntax pricing, BindingContext context)
    {
        if (meter is not null && meter.Function != AggregationFunction.Sum)
        {
            context.Error(DiagnosticIds.IncompatibleMeter, pricing.Span,
                $"a percentage is taken of each event's amount, so meter `{meter.Name}` must `sum` a field, not `{MeterBinder.FunctionName(meter.Function)}`");
        }
    }

    private static void CheckRate(decimal rate, SourceSpan span, BindingContext context)
    {
        if (rate is < 0 or > 100)
        {
            context.Error(DiagnosticIds.ValueOutOfRange, span, $"a rate is between 0% and 100%, not {rate}%");
        }
    }

    private static List<BoundTier> BindTiers(IReadOnlyList<TierSyntax> tiers, SourceSpan span, MoneyChecker money, BindingContext context)
    {
        CheckBounds(tiers.Select(t => (t.UpTo, t.Span)).ToList(), span, context);
        return [.. tiers.Select(t => new BoundTier(t.UpTo, money.NonNegative(t.Price, "a unit price"), t.Flat is null ? 0 : money.NonNegative(t.Flat, "a flat fee")))];
    }

    // Bounded tiers rise strictly from above zero, and exactly one open tier (`above`) comes last.
    private static void CheckBounds(List<(decimal? UpTo, SourceSpan Span)> tiers, SourceSpan span, BindingContext context)
    {
        decimal previous = 0;
        for (var i = 0; i < tiers.Count; i++)
        {
            var (upTo, tierSpan) = tiers[i];
            if (upTo is null && i != tiers.Count - 1)
            {
                context.Error(DiagnosticIds.InvalidTiers, tierSpan, "the open tier (`above`) must be the last");
            }
            else if (upTo is { } bound && bound <= previous)
            {
                context.Error(DiagnosticIds.InvalidTiers, tierSpan, i == 0
                    ? $"the first tier must end above zero, not at {bound}"
                    : $"tiers must rise: this one ends at {bound}, not above the previous tier's {previous}");
            }

            previous = upTo ?? previous;
        }

        if (tiers.Count > 0 && tiers[^1].UpTo is not null)
        {
            context.Error(DiagnosticIds.InvalidTiers, span, $"quantities above {tiers[^1].UpTo} have no price; end the tiers with `above at …`");
        }
    }
}
