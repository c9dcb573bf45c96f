using Tariff.Engine.Diagnostics;
using Tariff.Engine.Money;
using Tariff.Engine.Syntax;

namespace Tariff.Engine.Binding;

/// <summary>Checks plans: currency, period, trial, fees, charges, commitment, quotas, alerts and examples.</summary>
internal static class PlanBinder
{
    private static readonly string[] PeriodUnits = ["week", "month", "quarter", "year"];
    private static readonly string[] Alignments = ["calendar", "anniversary"];
    private static readonly Dictionary<string, TrialUnit> TrialUnits = new(StringComparer.Ordinal)
    {
        ["day"] = TrialUnit.Days, ["days"] = TrialUnit.Days,
        ["week"] = TrialUnit.Weeks, ["weeks"] = TrialUnit.Weeks,
        ["month"] = TrialUnit.Months, ["months"] = TrialUnit.Months,
    };

    internal static BoundPlan? BindPlan(PlanSyntax plan, Dictionary<string, BoundMeter?> meters, BindingContext context)
    {
        var errorsBefore = context.ErrorCount;
        var currency = BindCurrency(plan, context);
        var money = new MoneyChecker(currency, context);
        var period = BindPeriod(plan.Period, context);
        var rounding = plan.Rounding is null ? RoundingMode.HalfUp : BindingChoices.RoundingModeOf(plan.Rounding, context) ?? RoundingMode.HalfUp;
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
            if (ChargeBinder.BindCharge(charge, meters, money, context) is { } bound)
            {
                charges.Add(bound);
            }
        }

        decimal? commitment = plan.Commitment is null ? null : money.NonNegative(plan.Commitment, "a commitment");
        var quotas = BindQuotas(plan.Quotas, meters, context);
        var alerts = BindAlerts(plan, context);
        var spendThresholds = BindSpendAlerts(plan.SpendAlerts, currency, context);
        var examples = BindExamples(plan.Examples, charges, [.. charged.Keys], money, context);

        if (currency is null || context.ErrorCount > errorsBefore)
        {
            return null;
        }

        return new BoundPlan(plan.Name.Value, currency, period, rounding, trial, fees, charges, commitment, quotas, alerts, examples)
        {
            SpendThresholds = spendThresholds,
        };
    }

    private static Currency? BindCurrency(PlanSyntax plan, BindingContext context)
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

    private static BillingPeriod BindPeriod(PeriodSyntax? period, BindingContext context)
    {
        if (period is null)
        {
            return new BillingPeriod(PeriodUnit.Month, PeriodAlignment.Calendar);
        }

        var unit = BindingChoices.Choice(period.Unit, PeriodUnits, "billing period", context) switch
        {
            "week" => PeriodUnit.Week,
            "quarter" => PeriodUnit.Quarter,
            "year" => PeriodUnit.Year,
            _ => PeriodUnit.Month,
        };
        var alignment = period.Alignment is null || BindingChoices.Choice(period.Alignment, Alignments, "period alignment", context) != "anniversary"
            ? PeriodAlignment.Calendar
            : PeriodAlignment.Anniversary;
        return new BillingPeriod(unit, alignment);
    }

    private static TrialPeriod? BindTrial(TrialSyntax? trial, BindingContext context)
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

    private static List<BoundQuota> BindQuotas(IReadOnlyList<QuotaSyntax> quotas, Dictionary<string, BoundMeter?> meters, BindingContext context)
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

    private static List<decimal> BindAlerts(PlanSyntax plan, BindingContext context)
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

    // Spend thresholds are amounts of the plan currency, rising, each with no more decimals than its minor units.
    private static List<decimal> BindSpendAlerts(SpendAlertsSyntax? alerts, Currency? currency, BindingContext context)
    {
        if (alerts is null)
        {
            return [];
        }

        if (currency is not null && alerts.Currency.Value != currency.Code)
        {
            context.Error(DiagnosticIds.CurrencyMismatch, alerts.Currency.Span, $"these amounts are in {alerts.Currency.Value} but the plan bills in {currency.Code}");
        }

        decimal previous = 0;
        foreach (var amount in alerts.Amounts)
        {
            if (amount <= previous || (currency is not null && decimal.Round(amount, currency.MinorUnits) != amount))
            {
                context.Error(DiagnosticIds.ValueOutOfRange, alerts.Span,
                    $"spend alert amounts rise from above 0, with at most {currency?.MinorUnits ?? 2} decimal(s) ({amount} follows {previous})");
                break;
            }

            previous = amount;
        }

        return [.. alerts.Amounts];
    }

    private static List<BoundExample> BindExamples(IReadOnlyList<ExampleSyntax> examples, List<BoundCharge> charges, IReadOnlyList<string> chargedMeters,
        MoneyChecker money, BindingContext context)
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
}
