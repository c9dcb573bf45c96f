using Tariff.Engine.Binding;
using Tariff.Engine.Evaluation;
using Tariff.Engine.Syntax;

namespace Tariff.Engine.Compilation;

/// <summary>Generates the loop that evaluates a meter: the span of events, the filter inlined, the value read, the aggregation.</summary>
internal static class MeterCodeGenerator
{
    public static void WriteMeter(CodeWriter code, int index, BoundCharge charge, List<string> fields)
    {
        var meter = charge.Meter;
        var names = new NameSource($"m{index}");
        var keepValues = MeterAccumulator.NeedsEventValues(charge);
        var fastPath = meter.GroupBy.Count == 0 && !keepValues && meter.Function is AggregationFunction.Count or AggregationFunction.Sum;
        code.Line($"public MeterResult {CSharpGenerator.MeterMethod(index)}(IReadOnlyList<UsageEvent> events, UsagePeriod period, BoundMeter meter)");
        code.Open();
        if (fastPath)
        {
            code.Line("decimal total = 0m;");
            code.Line("int counted = 0;");
        }
        else
        {
            code.Line($"var accumulator = new MeterAccumulator(meter, {(keepValues ? "true" : "false")});");
        }

        // Instants compare as UTC ticks, as DateTimeOffset's operators compare them; long comparisons bind at once.
        code.Line("long start = period.Start.UtcTicks;");
        code.Line("long end = period.End.UtcTicks;");
        code.Line("foreach (var e in UsageEventSpan.Of(events))");
        code.Open();
        code.Line("long at = e.Timestamp.UtcTicks;");
        code.Line("if (at < start || at >= end) continue;");
        if (meter.Filter is { } filter)
        {
            code.Line($"if (!{Condition(filter, names, fields)}) continue;");
        }

        switch (meter.Function)
        {
            case AggregationFunction.Count when fastPath:
                code.Line("counted++;");
                code.Line("total = D.Add(total, 1m);");
                break;
            case AggregationFunction.Count:
                code.Line("accumulator.Add(e, 1m, null);");
                break;
            case AggregationFunction.Unique:
                code.Line($"if ({TextOf(meter.Field!, names)} is not string value) continue;");
                code.Line("accumulator.Add(e, 0m, value);");
                break;
            default:
                code.Line(ValueOrContinue(meter.Field!));
                code.Line(fastPath ? "counted++;" : "accumulator.Add(e, value, null);");
                if (fastPath)
                {
                    code.Line("total = D.Add(total, value);");
                }

                break;
        }

        code.Close();
        if (fastPath)
        {
            // The same shape the accumulator gives: no group when nothing was counted, else one ungrouped group.
            code.Line("if (counted == 0) return new MeterResult(meter.Name, Array.Empty<MeterGroup>());");
            code.Line("return new MeterResult(meter.Name, new[] { new MeterGroup(Array.Empty<string>(), MeterAccumulator.Convert(meter, total, true), Array.Empty<decimal>()) });");
        }
        else
        {
            code.Line("return accumulator.Finish(period);");
        }

        code.Close();
    }

    private static string Condition(BoundCondition condition, NameSource names, List<string> fields)
    {
        switch (condition)
        {
            case BoundComparison { Field.Field: EventField.Status } c when IsInt(c.Number!.Value):
            {
                // A whole number compares with the status as an int with the same truth value as a decimal, and faster.
                var n = names.Next();
                return $"(e.Status is int {n} && {n} {Operator(c.Operator)} {(int)c.Number.Value})";
            }

            case BoundComparison { Field.IsNumeric: true } c:
            {
                var n = names.Next();
                return $"({NumberOf(c.Field, names)} is decimal {n} && D.{DecimalOperator(c.Operator)}({n}, {CSharpLiterals.Decimal(c.Number!.Value)}))";
            }

            case BoundComparison c:
            {
                var t = names.Next();
                var equal = $"string.Equals({t}, {CSharpLiterals.Text(c.Text!)}, StringComparison.Ordinal)";
                return $"({TextOf(c.Field, names)} is string {t} && {(c.Operator == ComparisonOperator.Equal ? equal : "!" + equal)})";
            }

            case BoundIn { Field.IsNumeric: true } i:
            {
                var n = names.Next();
                var any = i.Numbers.Count == 0 ? "false" : string.Join(" || ", i.Numbers.Select(v => $"D.Equal({n}, {CSharpLiterals.Decimal(v)})"));
                return $"({NumberOf(i.Field, names)} is decimal {n} && {(i.Negated ? "!" : string.Empty)}({any}))";
            }

            case BoundIn i:
            {
                var t = names.Next();
                var any = i.Texts.Count == 0 ? "false" : string.Join(" || ", i.Texts.Select(v => $"string.Equals({t}, {CSharpLiterals.Text(v)}, StringComparison.Ordinal)"));
                return $"({TextOf(i.Field, names)} is string {t} && {(i.Negated ? "!" : string.Empty)}({any}))";
            }

            case BoundBetween { Field.Field: EventField.Status } b when IsInt(b.Low) && IsInt(b.High):
            {
                var n = names.Next();
                return $"(e.Status is int {n} && {(b.Negated ? "!" : string.Empty)}({n} >= {(int)b.Low} && {n} <= {(int)b.High}))";
            }

            case BoundBetween b:
            {
                var n = names.Next();
                return $"({NumberOf(b.Field, names)} is decimal {n} && {(b.Negated ? "!" : string.Empty)}(D.GreaterOrEqual({n}, {CSharpLiterals.Decimal(b.Low)}) && D.LessOrEqual({n}, {CSharpLiterals.Decimal(b.High)})))";
            }

            case BoundStartsWith s:
            {
                var t = names.Next();
                return $"({TextOf(s.Field, names)} is string {t} && {t}.StartsWith({CSharpLiterals.Text(s.Prefix)}, StringComparison.Ordinal))";
            }

            case BoundMatches m:
            {
                var t = names.Next();
                var glob = $"Glob{fields.Count}";
                fields.Add($"private readonly GlobPattern {glob} = new GlobPattern({CSharpLiterals.Text(m.Glob.Pattern)});");
                return $"({TextOf(m.Field, names)} is string {t} && {glob}.IsMatch({t}))";
            }

            case BoundNot not:
                return $"!{Condition(not.Operand, names, fields)}";
            case BoundAnd and:
                return $"({Condition(and.Left, names, fields)} && {Condition(and.Right, names, fields)})";
            case BoundOr or:
                return $"({Condition(or.Left, names, fields)} || {Condition(or.Right, names, fields)})";
            default:
                throw new InvalidOperationException($"Unknown condition {condition.GetType().Name}.");
        }
    }

    private static bool IsInt(decimal value) => value == decimal.Truncate(value) && value is >= int.MinValue and <= int.MaxValue;

    // Reads the aggregated field into `value`, or skips the event; a statement, so that no nullable is built per event.
    private static string ValueOrContinue(BoundField field) => field.Field switch
    {
        EventField.Measure => $"if (e.Measures is null || !e.Measures.TryGetValue({CSharpLiterals.Text(field.Key!)}, out decimal value)) continue;",
        EventField.Status => "if (e.Status is not int status) continue; decimal value = status;",
        EventField.LatencyMs => "if (e.LatencyMs is not decimal value) continue;",
        EventField.RequestBytes => "if (e.RequestBytes is not decimal value) continue;",
        EventField.ResponseBytes => "if (e.ResponseBytes is not decimal value) continue;",
        _ => throw new InvalidOperationException($"`{field.Path}` is not numeric."),
    };

    private static string NumberOf(BoundField field, NameSource names) => field.Field switch
    {
        EventField.Status => "(decimal?)e.Status",
        EventField.LatencyMs => "e.LatencyMs",
        EventField.RequestBytes => "e.RequestBytes",
        EventField.ResponseBytes => "e.ResponseBytes",
        EventField.Measure => Lookup("e.Measures", field.Key!, "decimal?", names),
        _ => throw new InvalidOperationException($"`{field.Path}` is not numeric."),
    };

    private static string TextOf(BoundField field, NameSource names) => field.Field switch
    {
        EventField.Consumer => "e.Consumer",
        EventField.Product => "e.Product",
        EventField.Route => "e.Route",
        EventField.Path => "e.Path",
        EventField.Method => "e.Method",
        EventField.Dimension => Lookup("e.Dimensions", field.Key!, "string?", names),
        // Numbers read as text (unique counts of a numeric field) take the invariant form, as BoundField.Text does.
        _ => $"({NumberOf(field, names)})?.ToString(System.Globalization.CultureInfo.InvariantCulture)",
    };

    private static string Lookup(string dictionary, string key, string type, NameSource names)
    {
        var found = names.Next();
        return $"({dictionary} is not null && {dictionary}.TryGetValue({CSharpLiterals.Text(key)}, out var {found}) ? ({type}){found} : null)";
    }

    // Decimals compare through DecimalOperators, which Roslyn binds far faster than the operators themselves.
    private static string DecimalOperator(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "Equal",
        ComparisonOperator.NotEqual => "NotEqual",
        ComparisonOperator.Less => "Less",
        ComparisonOperator.LessOrEqual => "LessOrEqual",
        ComparisonOperator.Greater => "Greater",
        _ => "GreaterOrEqual",
    };

    private static string Operator(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "==",
        ComparisonOperator.NotEqual => "!=",
        ComparisonOperator.Less => "<",
        ComparisonOperator.LessOrEqual => "<=",
        ComparisonOperator.Greater => ">",
        _ => ">=",
    };
}
