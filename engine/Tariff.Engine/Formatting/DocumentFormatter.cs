using System.Globalization;
using System.Text;
using Tariff.Engine.Syntax;

namespace Tariff.Engine.Formatting;

/// <summary>
/// Writes a document in its canonical text form: four-space indentation, one item per line in a fixed order, one
/// blank line between declarations. Parsing the output gives an equivalent document, and formatting is idempotent.
/// </summary>
public static class DocumentFormatter
{
    private const string Indent = "    ";

    /// <summary>The canonical text of a document.</summary>
    public static string Format(DocumentSyntax document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var writer = new Writer();
        for (var i = 0; i < document.Declarations.Count; i++)
        {
            if (i > 0)
            {
                writer.Blank();
            }

            var declaration = document.Declarations[i];
            foreach (var comment in declaration.LeadingComments)
            {
                writer.Line(0, comment);
            }

            switch (declaration)
            {
                case MeterSyntax meter:
                    WriteMeter(writer, meter);
                    break;
                case PlanSyntax plan:
                    WritePlan(writer, plan);
                    break;
                case ScheduleSyntax schedule:
                    WriteSchedule(writer, schedule);
                    break;
                case QuerySyntax query:
                    WriteQuery(writer, query);
                    break;
            }
        }

        return writer.ToString();
    }

    private static void WriteSchedule(Writer w, ScheduleSyntax schedule)
    {
        w.Line(0, $"schedule {schedule.Name.Value} {{");
        if (schedule.Cron is { } cron)
        {
            w.Line(1, $"cron {Quote(cron.Value)}");
        }

        if (schedule.TimeZone is { } zone)
        {
            w.Line(1, $"timezone {Quote(zone.Value)}");
        }

        if (schedule.Plans.Count > 0)
        {
            w.Line(1, $"plans {string.Join(", ", schedule.Plans.Select(p => Quote(p.Value)))}");
        }

        if (schedule.Consumers.Count > 0)
        {
            w.Line(1, $"consumers {string.Join(", ", schedule.Consumers.Select(c => Quote(c.Value)))}");
        }

        if (schedule.DryRun)
        {
            w.Line(1, "dry run");
        }

        w.Line(0, "}");
    }

    private static void WriteQuery(Writer w, QuerySyntax query)
    {
        w.Line(0, $"query {query.Name.Value} {{");
        if (query.Show.Count > 0)
        {
            w.Line(1, $"show {string.Join(", ", query.Show.Select(m => m.Value))}");
        }

        switch (query.Range)
        {
            case { Length: { } length, Unit: { } unit }:
                w.Line(1, $"last {length.ToString(CultureInfo.InvariantCulture)} {unit.Value}");
                break;
            case { From: { } from, To: { } to }:
                w.Line(1, $"from {from:yyyy-MM-dd} to {to:yyyy-MM-dd}");
                break;
        }

        if (query.Step is { } step)
        {
            w.Line(1, $"step {step.Value}");
        }

        if (query.Consumers.Count > 0)
        {
            w.Line(1, $"consumers {string.Join(", ", query.Consumers.Select(c => Quote(c.Value)))}");
        }

        w.Line(0, "}");
    }

    private static void WriteMeter(Writer w, MeterSyntax meter)
    {
        w.Line(0, $"meter {meter.Name.Value} {{");
        if (meter.Aggregation is { } aggregation)
        {
            w.Line(1, aggregation.Field is null ? "count" : $"{Function(aggregation.Function)} {aggregation.Field.Path}");
        }

        foreach (var filter in meter.Filters)
        {
            w.Line(1, $"where {Condition(filter)}");
        }

        if (meter.GroupBy.Count > 0)
        {
            w.Line(1, $"group by {string.Join(", ", meter.GroupBy.Select(g => g.Path))}");
        }

        foreach (var scale in meter.Scaling)
        {
            w.Line(1, $"{(scale.Operation == ScaleOperation.Divide ? "divide" : "multiply")} by {N(scale.Factor)}");
        }

        if (meter.Rounding is { } rounding)
        {
            w.Line(1, rounding.Places == 0 ? $"round {rounding.Mode.Value}" : $"round {rounding.Mode.Value} to {rounding.Places} places");
        }

        if (meter.Unit is { } unit)
        {
            w.Line(1, $"unit {Quote(unit)}");
        }

        w.Line(0, "}");
    }

    private static string Function(AggregationFunction function) => function switch
    {
        AggregationFunction.TimeWeighted => "time_weighted",
        _ => function.ToString().ToLowerInvariant(),
    };

    /// <summary>A condition with exactly the parentheses its tree needs (not binds tighter than and, and than or).</summary>
    internal static string Condition(ConditionSyntax condition) => condition switch
    {
        ComparisonConditionSyntax c => $"{c.Field.Path} {Operator(c.Operator)} {Literal(c.Value)}",
        InConditionSyntax i => $"{i.Field.Path} {(i.Negated ? "not in" : "in")} [{string.Join(", ", i.Values.Select(Literal))}]",
        BetweenConditionSyntax b => $"{b.Field.Path} {(b.Negated ? "not between" : "between")} {Literal(b.Low)} and {Literal(b.High)}",
        StartsWithConditionSyntax s => $"{s.Field.Path} starts with {Quote(s.Prefix)}",
        MatchesConditionSyntax m => $"{m.Field.Path} matches {Quote(m.Pattern)}",
        NotConditionSyntax n => $"not {Wrap(n.Operand, n.Operand is AndConditionSyntax or OrConditionSyntax)}",
        AndConditionSyntax a => $"{Wrap(a.Left, a.Left is OrConditionSyntax)} and {Wrap(a.Right, a.Right is AndConditionSyntax or OrConditionSyntax)}",
        OrConditionSyntax o => $"{Condition(o.Left)} or {Wrap(o.Right, o.Right is OrConditionSyntax)}",
        _ => throw new InvalidOperationException($"Unknown condition {condition.GetType().Name}."),
    };

    private static string Wrap(ConditionSyntax condition, bool parenthesize) =>
        parenthesize ? $"({Condition(condition)})" : Condition(condition);

    private static string Operator(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "=",
        ComparisonOperator.NotEqual => "!=",
        ComparisonOperator.Less => "<",
        ComparisonOperator.LessOrEqual => "<=",
        ComparisonOperator.Greater => ">",
        _ => ">=",
    };

    private static string Literal(LiteralSyntax literal) => literal.IsString ? Quote(literal.Text!) : N(literal.Number!.Value);

    private static void WritePlan(Writer w, PlanSyntax plan)
    {
        w.Line(0, $"plan {plan.Name.Value} {{");
        if (plan.Currency is { } currency)
        {
            w.Line(1, $"currency {currency.Value}");
        }

        if (plan.Period is { } period)
        {
            w.Line(1, period.Alignment is null ? $"period {period.Unit.Value}" : $"period {period.Unit.Value} {period.Alignment.Value}");
        }

        if (plan.Rounding is { } rounding)
        {
            w.Line(1, $"rounding {rounding.Value}");
        }

        if (plan.Trial is { } trial)
        {
            w.Line(1, $"trial {N(trial.Length)} {trial.Unit.Value}");
        }

        foreach (var fee in plan.Fees)
        {
            var timing = fee.Timing == FeeTiming.Recurring ? "recurring" : "once";
            var billed = fee.Billing == FeeBilling.Advance ? "advance" : "arrears";
            w.Line(1, $"fee {fee.Name.Value} {Money(fee.Amount)} {timing} in {billed}");
        }

        foreach (var charge in plan.Charges)
        {
            WriteCharge(w, charge);
        }

        if (plan.Commitment is { } commitment)
        {
            w.Line(1, $"commitment {Money(commitment)}");
        }

        foreach (var quota in plan.Quotas)
        {
            w.Line(1, $"quota {quota.Meter.Value} {N(quota.Limit)} {(quota.Kind == QuotaKind.Hard ? "hard" : "soft")}");
        }

        if (plan.Alerts is { } alerts)
        {
            w.Line(1, $"alerts at {string.Join(", ", alerts.Select(N))}%");
        }

        if (plan.SpendAlerts is { } spend)
        {
            w.Line(1, $"alerts at {string.Join(", ", spend.Amounts.Select(N))} {spend.Currency.Value}");
        }

        foreach (var example in plan.Examples)
        {
            w.Line(1, $"example {Quote(example.Name)} {{");
            foreach (var usage in example.Usage)
            {
                var group = usage.Group is null ? string.Empty : $"[{Quote(usage.Group)}]";
                var values = usage.PerEvent ? $"[{string.Join(", ", usage.Values.Select(N))}]" : N(usage.Values[0]);
                w.Line(2, $"usage {usage.Meter.Value}{group} = {values}");
            }

            if (example.ExpectedTotal is { } expected)
            {
                w.Line(2, $"expect total = {Money(expected)}");
            }

            w.Line(1, "}");
        }

        w.Line(0, "}");
    }

    private static void WriteCharge(Writer w, ChargeSyntax charge)
    {
        var by = charge.By is null ? string.Empty : $" by {charge.By.Path}";
        w.Line(1, $"charge {charge.Meter.Value}{by} {{");
        if (charge.Pricing is { } pricing)
        {
            WritePricing(w, 2, string.Empty, pricing);
        }

        foreach (var group in charge.When)
        {
            WritePricing(w, 2, $"when {Quote(group.Value)} ", group.Pricing);
        }

        if (charge.Otherwise is { } otherwise)
        {
            WritePricing(w, 2, "otherwise ", otherwise);
        }

        if (charge.Free is { } free)
        {
            w.Line(2, $"free {N(free)}");
        }

        if (charge.Minimum is { } minimum)
        {
            w.Line(2, $"minimum {Money(minimum)}");
        }

        if (charge.Maximum is { } maximum)
        {
            w.Line(2, $"maximum {Money(maximum)}");
        }

        foreach (var discount in charge.Discounts)
        {
            var amount = discount.Percent is { } percent ? $"{N(percent)}%" : Money(discount.Amount!);
            w.Line(2, discount.Until is { } until ? $"discount {amount} until {until:yyyy-MM-dd}" : $"discount {amount}");
        }

        w.Line(1, "}");
    }

    private static void WritePricing(Writer w, int depth, string prefix, PricingSyntax pricing)
    {
        switch (pricing)
        {
            case PerUnitPricingSyntax perUnit:
                w.Line(depth, $"{prefix}per unit {Money(perUnit.Price)}");
                break;
            case GraduatedPricingSyntax graduated:
                WriteTiers(w, depth, $"{prefix}graduated", graduated.Tiers);
                break;
            case VolumePricingSyntax volume:
                WriteTiers(w, depth, $"{prefix}volume", volume.Tiers);
                break;
            case PackagePricingSyntax package:
                w.Line(depth, $"{prefix}package of {N(package.Size)} for {Money(package.Price)}");
                break;
            case PercentagePricingSyntax percentage:
                WritePercentage(w, depth, prefix, percentage);
                break;
            case GraduatedPercentagePricingSyntax rates:
                w.Line(depth, $"{prefix}graduated percentage {{");
                foreach (var tier in rates.Tiers)
                {
                    var bound = tier.UpTo is { } upTo ? $"up to {N(upTo)}" : "above";
                    w.Line(depth + 1, $"{bound} at {N(tier.Rate)}%{Flat(tier.Flat)}");
                }

                w.Line(depth, "}");
                break;
        }
    }

    private static void WriteTiers(Writer w, int depth, string head, IReadOnlyList<TierSyntax> tiers)
    {
        w.Line(depth, $"{head} {{");
        foreach (var tier in tiers)
        {
            var bound = tier.UpTo is { } upTo ? $"up to {N(upTo)}" : "above";
            w.Line(depth + 1, $"{bound} at {Money(tier.Price)}{Flat(tier.Flat)}");
        }

        w.Line(depth, "}");
    }

    private static void WritePercentage(Writer w, int depth, string prefix, PercentagePricingSyntax p)
    {
        var options = new List<string>();
        if (p.EventFee is { } fee)
        {
            options.Add($"fee {Money(fee)} per event");
        }

        if (p.FreeEvents is { } freeEvents)
        {
            options.Add($"free first {N(freeEvents)} events");
        }

        if (p.FreeAmount is { } freeAmount)
        {
            options.Add($"free first {Money(freeAmount)}");
        }

        if (p.EventMinimum is { } minimum)
        {
            options.Add($"minimum {Money(minimum)} per event");
        }

        if (p.EventMaximum is { } maximum)
        {
            options.Add($"maximum {Money(maximum)} per event");
        }

        if (options.Count == 0)
        {
            w.Line(depth, $"{prefix}percentage {N(p.Rate)}%");
            return;
        }

        w.Line(depth, $"{prefix}percentage {N(p.Rate)}% {{");
        foreach (var option in options)
        {
            w.Line(depth + 1, option);
        }

        w.Line(depth, "}");
    }

    private static string Flat(MoneySyntax? flat) => flat is null ? string.Empty : $" flat {Money(flat)}";

    private static string Money(MoneySyntax money) => money.Currency is null ? N(money.Amount) : $"{N(money.Amount)} {money.Currency.Value}";

    private static string N(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A string literal with its escapes, as the lexer reads it back.</summary>
    internal static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => string.Empty,
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }

    private sealed class Writer
    {
        private readonly StringBuilder text = new();

        public void Line(int depth, string line)
        {
            for (var i = 0; i < depth; i++)
            {
                text.Append(Indent);
            }

            text.Append(line).Append('\n');
        }

        public void Blank() => text.Append('\n');

        public override string ToString() => text.ToString();
    }
}
