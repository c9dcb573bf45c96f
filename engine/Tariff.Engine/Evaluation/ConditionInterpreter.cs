using Tariff.Engine.Binding;
using Tariff.Engine.Syntax;
using Tariff.Engine.Usage;

namespace Tariff.Engine.Evaluation;

/// <summary>Evaluates a bound condition on an event by walking it: the reference for the generated filters.</summary>
public static class ConditionInterpreter
{
    /// <summary>True when the event meets the condition. A condition on a field the event lacks is false.</summary>
    public static bool Matches(BoundCondition condition, UsageEvent usage) => condition switch
    {
        BoundComparison { Field.IsNumeric: true } c => c.Field.Number(usage) is { } n && Compare(n.CompareTo(c.Number!.Value), c.Operator),
        BoundComparison c => c.Field.Text(usage) is { } t && (c.Operator == ComparisonOperator.Equal) == string.Equals(t, c.Text, StringComparison.Ordinal),
        BoundIn { Field.IsNumeric: true } i => i.Field.Number(usage) is { } n && i.Numbers.Contains(n) != i.Negated,
        BoundIn i => i.Field.Text(usage) is { } t && i.Texts.Contains(t, StringComparer.Ordinal) != i.Negated,
        BoundBetween b => b.Field.Number(usage) is { } n && (n >= b.Low && n <= b.High) != b.Negated,
        BoundStartsWith s => s.Field.Text(usage) is { } t && t.StartsWith(s.Prefix, StringComparison.Ordinal),
        BoundMatches m => m.Field.Text(usage) is { } t && m.Glob.IsMatch(t),
        BoundNot n => !Matches(n.Operand, usage),
        BoundAnd a => Matches(a.Left, usage) && Matches(a.Right, usage),
        BoundOr o => Matches(o.Left, usage) || Matches(o.Right, usage),
        _ => throw new InvalidOperationException($"Unknown condition {condition?.GetType().Name}."),
    };

    private static bool Compare(int comparison, ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => comparison == 0,
        ComparisonOperator.NotEqual => comparison != 0,
        ComparisonOperator.Less => comparison < 0,
        ComparisonOperator.LessOrEqual => comparison <= 0,
        ComparisonOperator.Greater => comparison > 0,
        _ => comparison >= 0,
    };
}
