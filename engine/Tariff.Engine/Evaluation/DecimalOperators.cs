using System.Runtime.CompilerServices;

namespace Tariff.Engine.Evaluation;

/// <summary>
/// C#'s decimal operators as methods, for generated code. Roslyn binds every decimal operator through operator
/// overload resolution, which weighs each built-in and user-defined candidate and was most of the time it took to
/// compile a plan; a call to a method with one overload binds at once. The JIT inlines these, so the compiled plan
/// runs exactly the operators it would have run.
/// </summary>
public static class DecimalOperators
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static decimal Add(decimal left, decimal right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static decimal Subtract(decimal left, decimal right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static decimal Multiply(decimal left, decimal right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static decimal Divide(decimal left, decimal right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Equal(decimal left, decimal right) => left == right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool NotEqual(decimal left, decimal right) => left != right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Less(decimal left, decimal right) => left < right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool LessOrEqual(decimal left, decimal right) => left <= right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Greater(decimal left, decimal right) => left > right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool GreaterOrEqual(decimal left, decimal right) => left >= right;

    /// <summary><c>left &lt; right ? left : right</c>: on a tie the right operand, digits and scale (as the charge models take it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static decimal LesserOf(decimal left, decimal right) => left < right ? left : right;
}
