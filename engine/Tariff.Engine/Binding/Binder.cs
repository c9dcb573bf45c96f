using System.Globalization;
using Tariff.Engine.Diagnostics;
using Tariff.Engine.Money;
using Tariff.Engine.Syntax;
using Tariff.Engine.Text;

namespace Tariff.Engine.Binding;

/// <summary>
/// Checks what a document means: every name resolved, every field typed, every amount in its plan's currency,
/// every tier table well-formed. Reports all it finds; builds the bound document only when nothing is wrong.
/// </summary>
public static class Binder
{
    private static readonly string[] PeriodUnits = ["week", "month", "quarter", "year"];
    private static readonly string[] Alignments = ["calendar", "anniversary"];
    private static readonly Dictionary<string, TrialUnit> TrialUnits = new(StringComparer.Ordinal)
    {
        ["day"] = TrialUnit.Days, ["days"] = TrialUnit.Days,
        ["week"] = TrialUnit.Weeks, ["weeks"] = TrialUnit.Weeks,
        ["month"] = TrialUnit.Months, ["months"] = TrialUnit.Months,
    };

    /// <summary>Parses and binds text in one step; parse diagnostics come first in the list when positions tie.</summary>
    public static BindResult Check(string text)
    {
        var parsed = DocumentParser.Parse(text);
        var bound = Bind(parsed.Document);
        var diagnostics = new DiagnosticBag();
        diagnostics.AddRange(parsed.Diagnostics);
        diagnostics.AddRange(bound.Diagnostics);
        var all = diagnostics.ToSortedList();
        return new BindResult(parsed.HasErrors ? null : bound.Document, all) { Syntax = parsed.Document };
    }

    /// <summary>Binds a syntax tree.</summary>
    public static BindResult Bind(DocumentSyntax document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var context = new Context();
        var meters = new Dictionary<string, BoundMeter?>(StringComparer.Ordinal);
        var meterNames = new HashSet<string>(StringComparer.Ordinal);

        foreach (var meter in document.Declarations.OfType<MeterSyntax>())
        {
            if (!meterNames.Add(meter.Name.Value))
            {
                context.Error(DiagnosticIds.DuplicateDeclaration, meter.Name.Span, $"a meter named `{meter.Name.Value}` is already declared");
                continue;
            }

            meters[meter.Name.Value] = BindMeter(meter, context);
        }

        var plans = new List<BoundPlan>();
        var planNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var plan in document.Declarations.OfType<PlanSyntax>())
        {
            if (!planNames.Add(plan.Name.Value))
            {
                context.Error(DiagnosticIds.DuplicateDeclaration, plan.Name.Span, $"a plan named `{plan.Name.Value}` is already declared");
                continue;
            }

            if (BindPlan(plan, meters, context) is { } bound)
            {
                plans.Add(bound);
            }
        }

        var diagnostics = context.Diagnostics.ToSortedList();
        var ok = !diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
        return new BindResult(ok ? new BoundDocument([.. meters.Values.OfType<BoundMeter>()], plans) : null, diagnostics);
    }

    // ---- Meters ---------------------------------------------------------------------------------------------

    private static BoundMeter? BindMeter(MeterSyntax meter, Context context)
    {
        var errorsBefore = context.ErrorCount;
        BoundField? field = null;
        if (meter.Aggregation is { Field: { } aggregated } aggregation)
        {
            field = ResolveField(aggregated, context);
            if (field is { IsNumeric: false } && aggregation.Function is not AggregationFunction.Unique)
            {
                context.Error(DiagnosticIds.TypeMismatch, aggregated.Span,
                    $"`{FunctionName(aggregation.Function)}` needs a numeric field, and `{aggregated.Path}` holds text; use `unique` to count its distinct values");
            }
        }
        else if (meter.Aggregation is { Function: not AggregationFunction.Count } fieldless)
        {
            context.Error(DiagnosticIds.MissingItem, fieldless.Span, $"`{FunctionName(fieldless.Function)}` needs a field");
        }

        BoundCondition? filter = null;
        foreach (var condition in meter.Filters)
        {
            if (BindCondition(condition, context) is { } bound)
            {
                filter = filter is null ? bound : new BoundAnd(filter, bound);
            }
        }

        var groupBy = new List<BoundField>();
        foreach (var group in meter.GroupBy)
        {
            if (groupBy.Any(g => g.Path == group.Path))
            {
                context.Error(DiagnosticIds.DuplicateItem, group.Span, $"`{group.Path}` is already in `group by`");
            }
            else if (ResolveField(group, context) is { } resolved)
            {
                groupBy.Add(resolved);
            }
        }

        foreach (var scale in meter.Scaling.Where(s => s.Factor <= 0))
        {
            context.Error(DiagnosticIds.ValueOutOfRange, scale.Span, $"a conversion factor must be greater than zero, not {scale.Factor}");
        }

        QuantityRounding? rounding = null;
        if (meter.Rounding is { } round && RoundingModeOf(round.Mode, context) is { } mode)
        {
            rounding = new QuantityRounding(mode, round.Places);
        }

        if (meter.Aggregation is null || context.ErrorCount > errorsBefore)
        {
            return null;
        }

        return new BoundMeter(meter.Name.Value, meter.Aggregation.Function, field, filter, groupBy,
            [.. meter.Scaling.Select(s => new BoundScale(s.Operation, s.Factor))], rounding, meter.Unit);
    }

    private static BoundCondition? BindCondition(ConditionSyntax condition, Context context)
    {
        switch (condition)
        {
            case ComparisonConditionSyntax comparison:
            {
                var field = ResolveField(comparison.Field, context);
                if (field is null || !LiteralFits(field, comparison.Value, context))
                {
                    return null;
                }

                if (!field.IsNumeric && comparison.Operator is not (ComparisonOperator.Equal or ComparisonOperator.NotEqual))
                {
                    context.Error(DiagnosticIds.TypeMismatch, comparison.Span,
                        $"`{comparison.Field.Path}` holds text, which is compared with `=` or `!=` only");
                    return null;
                }

                return new BoundComparison(field, comparison.Operator, comparison.Value.Text, comparison.Value.Number);
            }

            case InConditionSyntax @in:
            {
                var field = ResolveField(@in.Field, context);
                if (field is null || !@in.Values.All(v => LiteralFits(field, v, context)))
                {
                    return null;
                }

                return new BoundIn(field, @in.Negated, [.. @in.Values.Where(v => v.IsString).Select(v => v.Text!)],
                    [.. @in.Values.Where(v => !v.IsString).Select(v => v.Number!.Value)]);
            }

            case BetweenConditionSyntax between:
            {
                var field = ResolveField(between.Field, context);
                if (field is null)
                {
                    return null;
                }

                if (!field.IsNumeric || between.Low.IsString || between.High.IsString)
                {
                    context.Error(DiagnosticIds.TypeMismatch, between.Span, $"`between` compares numbers; `{between.Field.Path}` must be numeric and both ends numbers");
                    return null;
                }

                if (between.Low.Number > between.High.Number)
                {
                    context.Error(DiagnosticIds.ValueOutOfRange, between.Span, $"the range is empty: {between.Low.Number} is above {between.High.Number}");
                    return null;
                }

                return new BoundBetween(field, between.Negated, between.Low.Number!.Value, between.High.Number!.Value);
            }

            case StartsWithConditionSyntax startsWith:
                return TextField(startsWith.Field, "starts with", context) is { } prefixed ? new BoundStartsWith(prefixed, startsWith.Prefix) : null;

            case MatchesConditionSyntax matches:
                return TextField(matches.Field, "matches", context) is { } globbed ? new BoundMatches(globbed, new GlobPattern(matches.Pattern)) : null;

            case NotConditionSyntax not:
                return BindCondition(not.Operand, context) is { } operand ? new BoundNot(operand) : null;

            case AndConditionSyntax and:
            {
                var (left, right) = (BindCondition(and.Left, context), BindCondition(and.Right, context));
                return left is null || right is null ? null : new BoundAnd(left, right);
            }

            case OrConditionSyntax or:
            {
                var (left, right) = (BindCondition(or.Left, context), BindCondition(or.Right, context));
                return left is null || right is null ? null : new BoundOr(left, right);
            }

            default:
                throw new InvalidOperationException($"Unknown condition {condition.GetType().Name}.");
        }
    }

    private static BoundField? TextField(FieldSyntax syntax, string operation, Context context)
    {
        var field = ResolveField(syntax, context);
        if (field is { IsNumeric: true })
        {
            context.Error(DiagnosticIds.TypeMismatch, syntax.Span, $"`{operation}` works on text, and `{syntax.Path}` is a number");
            return null;
        }

        return field;
    }

    private static bool LiteralFits(BoundField field, LiteralSyntax literal, Context context)
    {
        if (field.IsNumeric == !literal.IsString)
        {
            return true;
        }

        context.Error(DiagnosticIds.TypeMismatch, literal.Span, field.IsNumeric
            ? $"`{field.Path}` is a number; compare it with a number, not \"{literal.Text}\""
            : $"`{field.Path}` holds text; compare it with a string such as \"{literal.Number?.ToString(CultureInfo.InvariantCulture)}\"");
        return false;
    }

    private static BoundField? ResolveField(FieldSyntax syntax, Context context)
    {
        if (FieldCatalog.Resolve(syntax.Path) is { } field)
        {
            return field;
        }

        var hint = NameSuggester.Hint(syntax.Path, FieldCatalog.BuiltIn.Keys);
        context.Error(DiagnosticIds.UnknownField, syntax.Span, string.IsNullOrEmpty(hint)
            ? $"unknown field `{syntax.Path}`; events have {string.Join(", ", FieldCatalog.Suggestions)}"
            : $"unknown field `{syntax.Path}`{hint}");
        return null;
    }

    private static string FunctionName(AggregationFunction function) => function switch
    {
        AggregationFunction.TimeWeighted => "time_weighted",
        _ => function.ToString().ToLowerInvariant(),
    };

    // ---- Plans ----------------------------------------------------------------------------------------------

    private static BoundPlan? BindPlan(PlanSyntax plan, Dictionary<string, BoundMeter?> meters, Context context)
    {
        var errorsBefore = context.ErrorCount;
        var currency = BindCurrency(plan, context);
        var money = new MoneyChecker(currency, context);
        var period = BindPeriod(plan.Period, context);
        var rounding = plan.Rounding is null ? RoundingMode.HalfUp : RoundingModeOf(plan.Rounding, context) ?? RoundingMode.HalfUp;
        var trial = BindTrial(plan.Trial, context);

        var fees = new List<BoundFee>();
        foreach (var fee in plan.Fees)
        {
            if (fees.Any(f => f.Name == fee.Name.Value))
            {
                context.Error(DiagnosticIds.DuplicateItem, fee.Name.Span, $"the plan already has a fee named `{fee.Name.Value}`");
                continue;
            }

            fees.Add(new BoundFee(fee.Name.Value, money.NonNegative(fee.Amount, "a fee"), fee.Timing, fee.Billing));
        }

        var charges = new List<BoundCharge>();
        var charged = new Dictionary<string, ChargeSyntax>(StringComparer.Ordinal);
        foreach (var charge in plan.Charges)
        {
            if (charged.TryGetValue(charge.Meter.Value, out var first))
            {
                context.Error(DiagnosticIds.DuplicateItem, charge.Meter.Span,
                    $"`{charge.Meter.Value}` is already charged on line {first.Span.Start.Line}; one charge per meter, with `when` lines to price groups differently");
                continue;
            }

            charged[charge.Meter.Value] = charge;
            if (BindCharge(charge, meters, money, context) is { } bound)
            {
                charges.Add(bound);
            }
        }

        decimal? commitment = plan.Commitment is null ? null : money.NonNegative(plan.Commitment, "a commitment");
        var quotas = BindQuotas(plan.Quotas, meters, context);
        var alerts = BindAlerts(plan, context);
        var examples = BindExamples(plan.Examples, charges, [.. charged.Keys], money, context);

        if (currency is null || context.ErrorCount > errorsBefore)
        {
            return null;
        }

        return new BoundPlan(plan.Name.Value, currency, period, rounding, trial, fees, charges, commitment, quotas, alerts, examples);
    }

    private static Currency? BindCurrency(PlanSyntax plan, Context context)
    {
        if (plan.Currency is null)
        {
            context.Error(DiagnosticIds.MissingItem, plan.Name.Span, $"plan `{plan.Name.Value}` has no currency; add one such as `currency USD`");
            return null;
        }

        if (Currency.Find(plan.Currency.Value) is { } currency)
        {
            return currency;
        }

        context.Error(DiagnosticIds.UnknownCurrency, plan.Currency.Span,
            $"`{plan.Currency.Value}` is not an ISO 4217 currency code{NameSuggester.Hint(plan.Currency.Value.ToUpperInvariant(), Currency.Codes)}");
        return null;
    }

    private static BillingPeriod BindPeriod(PeriodSyntax? period, Context context)
    {
        if (period is null)
        {
            return new BillingPeriod(PeriodUnit.Month, PeriodAlignment.Calendar);
        }

        var unit = Choice(period.Unit, PeriodUnits, "billing period", context) switch
        {
            "week" => PeriodUnit.Week,
            "quarter" => PeriodUnit.Quarter,
            "year" => PeriodUnit.Year,
            _ => PeriodUnit.Month,
        };
        var alignment = period.Alignment is null || Choice(period.Alignment, Alignments, "period alignment", context) != "anniversary"
            ? PeriodAlignment.Calendar
            : PeriodAlignment.Anniversary;
        return new BillingPeriod(unit, alignment);
    }

    private static TrialPeriod? BindTrial(TrialSyntax? trial, Context context)
    {
        if (trial is null)
        {
            return null;
        }

        if (trial.Length <= 0 || trial.Length != decimal.Truncate(trial.Length) || trial.Length > 3650)
        {
            context.Error(DiagnosticIds.ValueOutOfRange, trial.Span, $"a trial lasts a whole number of days, weeks or months from 1 to 3650, not {trial.Length}");
            return null;
        }

        if (!TrialUnits.TryGetValue(trial.Unit.Value, out var unit))
        {
            context.Error(DiagnosticIds.UnknownChoice, trial.Unit.Span,
                $"unknown trial unit `{trial.Unit.Value}`; use days, weeks or months{NameSuggester.Hint(trial.Unit.Value, TrialUnits.Keys)}");
            return null;
        }

        return new TrialPeriod((int)trial.Length, unit);
    }

    private static BoundCharge? BindCharge(ChargeSyntax charge, Dictionary<string, BoundMeter?> meters, MoneyChecker money, Context context)
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

    private static BoundPricing? BindPricing(PricingSyntax pricing, BoundMeter? meter, ChargeSyntax charge, MoneyChecker money, Context context)
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

    private static void RequireEventAmounts(BoundMeter? meter, PricingSyntax pricing, Context context)
    {
        if (meter is not null && meter.Function != AggregationFunction.Sum)
        {
            context.Error(DiagnosticIds.IncompatibleMeter, pricing.Span,
                $"a percentage is taken of each event's amount, so meter `{meter.Name}` must `sum` a field, not `{FunctionName(meter.Function)}`");
        }
    }

    private static void CheckRate(decimal rate, SourceSpan span, Context context)
    {
        if (rate is < 0 or > 100)
        {
            context.Error(DiagnosticIds.ValueOutOfRange, span, $"a rate is between 0% and 100%, not {rate}%");
        }
    }

    private static List<BoundTier> BindTiers(IReadOnlyList<TierSyntax> tiers, SourceSpan span, MoneyChecker money, Context context)
    {
        CheckBounds(tiers.Select(t => (t.UpTo, t.Span)).ToList(), span, context);
        return [.. tiers.Select(t => new BoundTier(t.UpTo, money.NonNegative(t.Price, "a unit price"), t.Flat is null ? 0 : money.NonNegative(t.Flat, "a flat fee")))];
    }

    // Bounded tiers rise strictly from above zero, and exactly one open tier (`above`) comes last.
    private static void CheckBounds(List<(decimal? UpTo, SourceSpan Span)> tiers, SourceSpan span, Context context)
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

    private static List<BoundQuota> BindQuotas(IReadOnlyList<QuotaSyntax> quotas, Dictionary<string, BoundMeter?> meters, Context context)
    {
        var bound = new List<BoundQuota>();
        foreach (var quota in quotas)
        {
            if (!meters.ContainsKey(quota.Meter.Value))
            {
                context.Error(DiagnosticIds.UnknownMeter, quota.Meter.Span, $"unknown meter `{quota.Meter.Value}`{NameSuggester.Hint(quota.Meter.Value, meters.Keys)}");
            }
            else if (bound.Any(q => q.Meter == quota.Meter.Value))
            {
                context.Error(DiagnosticIds.DuplicateItem, quota.Span, $"`{quota.Meter.Value}` already has a quota");
            }
            else if (quota.Limit < 0)
            {
                context.Error(DiagnosticIds.ValueOutOfRange, quota.Span, $"a quota cannot be negative ({quota.Limit})");
            }
            else
            {
                bound.Add(new BoundQuota(quota.Meter.Value, quota.Limit, quota.Kind));
            }
        }

        return bound;
    }

    private static List<decimal> BindAlerts(PlanSyntax plan, Context context)
    {
        if (plan.Alerts is null)
        {
            return [80m, 90m, 100m];
        }

        decimal previous = 0;
        foreach (var threshold in plan.Alerts)
        {
            if (threshold <= previous || threshold > 1000)
            {
                context.Error(DiagnosticIds.ValueOutOfRange, plan.Span, "alert thresholds rise from above 0% to at most 1000%");
                break;
            }

            previous = threshold;
        }

        return [.. plan.Alerts];
    }

    private static List<BoundExample> BindExamples(IReadOnlyList<ExampleSyntax> examples, List<BoundCharge> charges, IReadOnlyList<string> chargedMeters,
        MoneyChecker money, Context context)
    {
        var bound = new List<BoundExample>();
        foreach (var example in examples)
        {
            var usage = new List<BoundExampleUsage>();
            foreach (var line in example.Usage)
            {
                var charge = charges.FirstOrDefault(c => c.Meter.Name == line.Meter.Value);
                if (charge is null && chargedMeters.Contains(line.Meter.Value))
                {
                    continue; // the charge itself has errors, already reported
                }

                if (charge is null)
                {
                    context.Error(DiagnosticIds.InvalidExample, line.Meter.Span,
                        $"the plan does not charge `{line.Meter.Value}`{NameSuggester.Hint(line.Meter.Value, charges.Select(c => c.Meter.Name))}");
                    continue;
                }

                var grouped = charge.Meter.GroupBy.Count > 0;
                if (grouped != (line.Group is not null))
                {
                    context.Error(DiagnosticIds.InvalidExample, line.Span, grouped
                        ? $"`{line.Meter.Value}` is grouped; say which group, as in `usage {line.Meter.Value}[\"value\"] = …`"
                        : $"`{line.Meter.Value}` is not grouped; write `usage {line.Meter.Value} = …`");
                    continue;
                }

                usage.Add(new BoundExampleUsage(line.Meter.Value, line.Group ?? string.Empty, line.Values, line.PerEvent));
            }

            if (example.ExpectedTotal is { } expected)
            {
                bound.Add(new BoundExample(example.Name, usage, money.Any(expected), example.Span));
            }
        }

        return bound;
    }

    // ---- Shared ---------------------------------------------------------------------------------------------

    private static RoundingMode? RoundingModeOf(NameSyntax name, Context context)
    {
        if (Rounding.ByName.TryGetValue(name.Value, out var mode))
        {
            return mode;
        }

        context.Error(DiagnosticIds.UnknownChoice, name.Span,
            $"unknown rounding `{name.Value}`; use {string.Join(", ", Rounding.ByName.Keys)}{NameSuggester.Hint(name.Value, Rounding.ByName.Keys)}");
        return null;
    }

    private static string? Choice(NameSyntax name, IReadOnlyList<string> choices, string what, Context context)
    {
        if (choices.Contains(name.Value))
        {
            return name.Value;
        }

        context.Error(DiagnosticIds.UnknownChoice, name.Span,
            $"unknown {what} `{name.Value}`; use {string.Join(", ", choices)}{NameSuggester.Hint(name.Value, choices)}");
        return null;
    }

    /// <summary>Checks amounts against the plan currency.</summary>
    private sealed class MoneyChecker(Currency? currency, Context context)
    {
        public decimal Any(MoneySyntax money)
        {
            if (money.Currency is { } code && currency is not null && code.Value != currency.Code)
            {
                context.Error(DiagnosticIds.CurrencyMismatch, code.Span, $"this amount is in {code.Value} but the plan bills in {currency.Code}");
            }

            return money.Amount;
        }

        public decimal NonNegative(MoneySyntax money, string what)
        {
            var amount = Any(money);
            if (amount < 0)
            {
                context.Error(DiagnosticIds.ValueOutOfRange, money.Span, $"{what} cannot be negative ({amount})");
            }

            return amount;
        }
    }

    /// <summary>Diagnostics of one binding, with a count of errors so that each part knows whether it failed.</summary>
    private sealed class Context
    {
        public DiagnosticBag Diagnostics { get; } = new();

        public int ErrorCount { get; private set; }

        public void Error(string id, SourceSpan span, string message)
        {
            Diagnostics.Error(id, span, message);
            ErrorCount++;
        }
    }
}
