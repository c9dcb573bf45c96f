using System.Globalization;
using Tariff.Engine.Diagnostics;
using Tariff.Engine.Syntax;

namespace Tariff.Engine.Binding;

/// <summary>Checks meters: fields resolved and typed, conditions typed, conversions and rounding valid.</summary>
internal static class MeterBinder
{
    internal static BoundMeter? BindMeter(MeterSyntax meter, BindingContext context)
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
        if (meter.Rounding is { } round && BindingChoices.RoundingModeOf(round.Mode, context) is { } mode)
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

    private static BoundCondition? BindCondition(ConditionSyntax condition, BindingContext context)
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

    private static BoundField? TextField(FieldSyntax syntax, string operation, BindingContext context)
    {
        var field = ResolveField(syntax, context);
        if (field is { IsNumeric: true })
        {
            context.Error(DiagnosticIds.TypeMismatch, syntax.Span, $"`{operation}` works on text, and `{syntax.Path}` is a number");
            return null;
        }

        return field;
    }

    private static bool LiteralFits(BoundField field, LiteralSyntax literal, BindingContext context)
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

    private static BoundField? ResolveField(FieldSyntax syntax, BindingContext context)
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

    internal static string FunctionName(AggregationFunction function) => function switch
    {
        AggregationFunction.TimeWeighted => "time_weighted",
        _ => function.ToString().ToLowerInvariant(),
    };
}
