using Tariff.Engine.Binding;
using Tariff.Engine.Evaluation;
using Tariff.Engine.Money;
using Tariff.Engine.Syntax;
using Tariff.Engine.Usage;
using static Tariff.Engine.Rating.Explanations;

namespace Tariff.Engine.Rating;

/// <summary>
/// Turns usage into rating lines with an <see cref="IRatingEngine"/> (interpreted or compiled): fees, each charge's
/// groups, discounts, caps, minimums and the plan's commitment; every line rounded to the currency's minor units
/// with the plan's rounding mode, and the total the sum of the rounded lines.
/// </summary>
public static class PlanRater
{
    /// <summary>Rates the events inside <paramref name="period"/>.</summary>
    public static RatingResult Rate(IRatingEngine engine, IReadOnlyList<UsageEvent> events, UsagePeriod period, RatingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var meters = Enumerable.Range(0, engine.Plan.Charges.Count).Select(i => engine.EvaluateMeter(i, events, period)).ToList();
        return RateMeters(engine, meters, period, options ?? RatingOptions.Default);
    }

    /// <summary>
    /// What the events from <paramref name="from"/> on add to the period: the rating of the whole period up to its end,
    /// less the rating of the period before <paramref name="from"/>. Tiered and percentage models price the new usage
    /// against the running total, as real-time credit burn-down needs. Fees, unchanged, drop out.
    /// </summary>
    public static RatingResult RateIncrement(IRatingEngine engine, IReadOnlyList<UsageEvent> events, UsagePeriod period, DateTimeOffset from,
        RatingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (!period.Contains(from))
        {
            throw new ArgumentOutOfRangeException(nameof(from), from, "The start of the increment must fall inside the period.");
        }

        var whole = Rate(engine, events, period, options);
        var before = Rate(engine, events, period with { End = from }, options);
        var previous = before.Lines.GroupBy(LineKey).ToDictionary(g => g.Key, g => g.First());
        var lines = new List<RatingLine>();
        foreach (var line in whole.Lines)
        {
            previous.TryGetValue(LineKey(line), out var earlier);
            var amount = line.Amount - (earlier?.Amount ?? 0);
            var quantity = line.Quantity - (earlier?.Quantity ?? 0);
            if (amount == 0 && (quantity ?? 0) == 0)
            {
                continue;
            }

            lines.Add(line with
            {
                Quantity = quantity,
                Amount = amount,
                RoundedAmount = Rounding.RoundMoney(amount, whole.Currency, whole.Rounding),
                Explanation = $"{line.Explanation}; less {N(earlier?.Amount ?? 0)} for the usage before {from:O}",
            });
        }

        return Totals(whole with { Period = period with { Start = from } }, lines);
    }

    /// <summary>Rates meters already evaluated (one result per charge, in charge order), as examples and backtests do.</summary>
    public static RatingResult RateMeters(IRatingEngine engine, IReadOnlyList<MeterResult> meters, UsagePeriod period, RatingOptions options)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(options);
        var plan = engine.Plan;
        var lines = new List<RatingLine>();
        var advance = new List<RatingLine>();
        foreach (var fee in plan.Fees.Where(f => f.Timing == FeeTiming.Recurring || options.IncludeOneTimeFees))
        {
            var recurring = fee.Timing == FeeTiming.Recurring;
            var prorated = recurring && options.Proration != 1m && !options.InTrial;
            var amount = options.InTrial ? 0 : prorated ? fee.Amount * options.Proration : fee.Amount;
            var timing = recurring ? "recurring" : "one-time";
            var billed = fee.Billing == FeeBilling.Advance ? "in advance" : "in arrears";
            var line = Line(plan, RatingLineKind.Fee, fee.Name, null, null, null, null, amount,
                options.InTrial ? $"{timing} fee {N(fee.Amount)}, not charged during the trial"
                : prorated ? $"{timing} fee {N(fee.Amount)} × {Share(options)}, billed {billed}"
                : $"{timing} fee, billed {billed}");
            lines.Add(line);
            if (fee.Billing == FeeBilling.Advance)
            {
                advance.Add(line);
            }
        }

        if (options.Part == RatedPart.InAdvance)
        {
            return Totals(new RatingResult(plan.Name, plan.Currency, plan.Rounding, period, [], 0, 0), advance);
        }

        for (var i = 0; i < plan.Charges.Count; i++)
        {
            try
            {
                lines.AddRange(RateCharge(engine, i, meters[i], period));
            }
            catch (OverflowException overflow)
            {
                throw new RatingException(plan.Name, plan.Charges[i].Meter.Name, plan.Charges[i].Span, overflow);
            }
        }

        if (plan.Commitment is { } fullCommitment)
        {
            var commitment = fullCommitment * options.Proration;
            var subtotal = lines.Sum(l => l.Amount);
            var charges = options.Part == RatedPart.InArrears && advance.Count > 0
                ? $"the period's charges of {N(subtotal)} (with {N(advance.Sum(l => l.Amount))} of fees billed in advance)"
                : $"the period's charges of {N(subtotal)}";
            if (subtotal < commitment)
            {
                lines.Add(Line(plan, RatingLineKind.Commitment, "minimum commitment", null, null, null, null, commitment - subtotal,
                    options.Proration == 1m
                        ? $"{charges} are below the commitment of {N(commitment)}"
                        : $"{charges} are below the commitment of {N(fullCommitment)} × {Share(options)} = {N(commitment)}"));
            }
        }

        if (options.Part == RatedPart.InArrears)
        {
            lines.RemoveAll(advance.Contains);
        }

        return Totals(new RatingResult(plan.Name, plan.Currency, plan.Rounding, period, [], 0, 0), lines);
    }

    private static List<RatingLine> RateCharge(IRatingEngine engine, int index, MeterResult meter, UsagePeriod period)
    {
        var plan = engine.Plan;
        var charge = plan.Charges[index];
        var pricings = PricingCatalog.Of(charge);
        var lines = new List<RatingLine>();
        foreach (var group in meter.Groups)
        {
            var description = group.GroupValues.Count == 0 ? meter.Meter : $"{meter.Meter} [{group.Key}]";
            var pricingIndex = PricingCatalog.Select(charge, group);
            if (pricingIndex < 0)
            {
                lines.Add(Line(plan, RatingLineKind.Usage, description, meter.Meter, group.Key, group.Quantity, null, 0,
                    $"no price for {charge.By?.Path} \"{PricingCatalog.ByValue(charge, group)}\" in this plan"));
                continue;
            }

            var pricing = pricings[pricingIndex]!;
            var billable = Math.Max(0, group.Quantity - charge.Free);
            var amount = engine.Price(index, pricingIndex, billable, group.EventValues);
            var free = charge.Free > 0 ? $"{N(Math.Min(charge.Free, group.Quantity))} of {N(group.Quantity)} free; " : string.Empty;
            lines.Add(Line(plan, RatingLineKind.Usage, description, meter.Meter, group.Key, group.Quantity,
                UnitPrice(pricing, billable), amount, free + Explanations.Of(pricing, billable, group.EventValues)));
        }

        var net = lines.Sum(l => l.Amount);
        var periodStart = DateOnly.FromDateTime(period.Start.UtcDateTime);
        foreach (var discount in charge.Discounts.Where(d => d.Until is null || periodStart < d.Until))
        {
            var off = discount.Percent is { } percent ? net * percent / 100m : Math.Min(net, discount.Amount ?? 0);
            if (off == 0)
            {
                continue;
            }

            var until = discount.Until is { } date ? $" until {date:yyyy-MM-dd}" : string.Empty;
            lines.Add(Line(plan, RatingLineKind.Discount, $"{meter.Meter} discount", meter.Meter, null, null, null, -off,
                discount.Percent is { } p ? $"{N(p)}% off {N(net)}{until}" : $"{N(off)} off{until}"));
            net -= off;
        }

        if (charge.Maximum is { } maximum && net > maximum)
        {
            lines.Add(Line(plan, RatingLineKind.Cap, $"{meter.Meter} cap", meter.Meter, null, null, null, maximum - net,
                $"{N(net)} capped at the maximum of {N(maximum)}"));
            net = maximum;
        }

        if (charge.Minimum is { } minimum && net < minimum)
        {
            lines.Add(Line(plan, RatingLineKind.Minimum, $"{meter.Meter} minimum", meter.Meter, null, null, null, minimum - net,
                $"{N(net)} raised to the minimum of {N(minimum)}"));
        }

        return lines;
    }

    // The share is exact in the amount; the explanation shows six places, which is what a reader can check.
    private static string Share(RatingOptions options) =>
        $"{N(decimal.Round(options.Proration, 6, MidpointRounding.AwayFromZero))} of the period{(options.ProrationNote is { } note ? $" ({note})" : string.Empty)}";

    private static RatingLine Line(BoundPlan plan, RatingLineKind kind, string description, string? meter, string? group,
        decimal? quantity, decimal? unitPrice, decimal amount, string explanation) =>
        new(kind, description, meter, group, quantity, unitPrice, amount, Rounding.RoundMoney(amount, plan.Currency, plan.Rounding), explanation);

    private static RatingResult Totals(RatingResult result, List<RatingLine> lines) => result with
    {
        Lines = lines,
        ExactTotal = lines.Sum(l => l.Amount),
        Total = Rounding.RoundMoney(lines.Sum(l => l.RoundedAmount), result.Currency, result.Rounding),
    };

    private static (RatingLineKind, string, string?, string?) LineKey(RatingLine line) => (line.Kind, line.Description, line.Meter, line.Group);
}
