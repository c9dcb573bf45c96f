using Tariff.Engine.Binding;
using Tariff.Engine.Evaluation;

namespace Tariff.Engine.Compilation;

/// <summary>
/// Generates the 64-bit fast path of tiered and per-unit pricing: the pricing's <see cref="TierTable"/> as a field,
/// and a pricing method that calls <see cref="FixedPoint.TryPrice"/> with it and, when the quantity does not fit,
/// the decimal code. The decimal code is a method of its own so that the hot method stays small: a method
/// holding both pays for zeroing the decimal code's temporaries on every call.
/// </summary>
internal static class FixedPointCodeGenerator
{
    /// <summary>
    /// Writes the pricing method <paramref name="method"/> as the fast path falling back to <c>{method}Exact</c>,
    /// and returns true; false, writing nothing, when the plan's numbers are too large for the fast path at all.
    /// </summary>
    public static bool WriteFastPath(CodeWriter code, BoundPricing pricing, string method, List<string> fields)
    {
        var table = pricing switch
        {
            PerUnitPricing p => TierTable.PerUnit(p.UnitPrice),
            GraduatedPricing g => TierTable.Graduated(g.Tiers),
            VolumePricing v => TierTable.Volume(v.Tiers),
            _ => null,
        };
        if (table is null)
        {
            return false;
        }

        var tableName = $"{method}Table";
        fields.Add($"private readonly TierTable {tableName} = TierTable.Parse({CSharpLiterals.Text(table.Text)});");
        code.Line($"public decimal {method}(decimal q, IReadOnlyList<decimal> values) => FixedPoint.TryPrice(q, {tableName}, out decimal r) ? r : {method}Exact(q, values);");
        return true;
    }
}
