using Tariff.Engine.Binding;
using Tariff.Engine.Evaluation;

namespace Tariff.Engine.Compilation;

/// <summary>Generates the pricing methods: ChargeModels arithmetic, operation by operation, with the constants inlined.</summary>
internal static class PricingCodeGenerator
{
    public static void WritePricing(CodeWriter code, int charge, int index, BoundPricing pricing, List<string> fields)
    {
        var method = CSharpGenerator.PriceMethod(charge, index);
        var access = "public";
        if (FixedPointCodeGenerator.WriteFastPath(code, pricing, method, fields))
        {
            (method, access) = ($"{method}Exact", "private");
        }

        code.Line($"{access} decimal {method}(decimal q, IReadOnlyList<decimal> values)");
        code.Open();
        switch (pricing)
        {
            case PerUnitPricing p:
                code.Line($"return D.Multiply(q, {Literal(p.UnitPrice)});");
                break;
            case GraduatedPricing g:
                WriteGraduated(code, [.. g.Tiers.Select(t => (t.UpTo, t.UnitPrice, t.Flat, false))]);
                break;
            case VolumePricing v:
                code.Line("if (D.LessOrEqual(q, 0m)) return 0m;");
                foreach (var tier in v.Tiers)
                {
                    var price = $"D.Add(D.Multiply(q, {Literal(tier.UnitPrice)}), {Literal(tier.Flat)})";
                    code.Line(tier.UpTo is { } upTo ? $"if (D.LessOrEqual(q, {Literal(upTo)})) return {price};" : $"return {price};");
                }

                break;
            case PackagePricing p:
                code.Line($"return D.LessOrEqual(q, 0m) ? 0m : D.Multiply(decimal.Ceiling(D.Divide(q, {Literal(p.Size)})), {Literal(p.Price)});");
                break;
            case PercentagePricing p:
                WritePercentage(code, p);
                break;
            case GraduatedPercentagePricing g:
                WriteGraduated(code, [.. g.Tiers.Select(t => (t.UpTo, t.RatePercent, t.Flat, true))]);
                break;
            default:
                throw new InvalidOperationException($"Unknown pricing {pricing.GetType().Name}.");
        }

        code.Close();
    }

    // ChargeModels.Graduated with the tiers below the one holding q folded into a constant. The constant is computed
    // here with the interpreter's own operations in its own order, so the result is the same decimal, digits and scale:
    // amount = 0m, then for each fully used tier amount += (upper - lower) * price + flat.
    private static void WriteGraduated(CodeWriter code, List<(decimal? UpTo, decimal Price, decimal Flat, bool Percent)> tiers)
    {
        code.Line("if (D.LessOrEqual(q, 0m)) return 0m;");
        var lower = 0m;
        decimal? below = 0m;
        foreach (var (upTo, price, flat, percent) in tiers)
        {
            // The open tier's upper bound is q itself, and q < q ? q : q is q.
            var upper = upTo is { } bound ? $"D.LesserOf(q, {Literal(bound)})" : "q";
            var inside = IsPlainZero(lower) ? upper : $"D.Subtract({upper}, {Literal(lower)})";
            var product = $"D.Multiply({inside}, {Literal(price)})";
            var tierAmount = Plus(percent ? $"D.Divide({product}, 100m)" : product, flat);
            // Past a tier whose full amount overflows a decimal, the interpreter overflows too: say so the same way.
            var result = below is { } constant
                ? $"return {(IsPlainZero(constant) ? tierAmount : $"D.Add({Literal(constant)}, {tierAmount})")};"
                : "throw new OverflowException(\"Value was either too large or too small for a Decimal.\");";
            code.Line(upTo is { } limit ? $"if (D.LessOrEqual(q, {Literal(limit)})) {result}" : result);
            if (upTo is { } end)
            {
                below = ChargeModels.FullTier(below, end - lower, price, flat, percent);
                lower = end;
            }
        }
    }

    // Adding or subtracting 0m (zero with no decimals) leaves a decimal's value and scale as they were, so it is left out.
    private static bool IsPlainZero(decimal value) => value == 0m && value.Scale == 0;

    private static string Plus(string expression, decimal value) => IsPlainZero(value) ? expression : $"D.Add({expression}, {Literal(value)})";

    private static string Literal(decimal value) => CSharpLiterals.Decimal(value);

    // ChargeModels.Percentage with the options resolved at generation time.
    private static void WritePercentage(CodeWriter code, PercentagePricing p)
    {
        code.Line("decimal amount = 0m;");
        code.Line("decimal seen = 0m;");
        code.Line("decimal count = 0m;");
        code.Line("for (int i = 0; i < values.Count; i++)");
        code.Open();
        code.Line("decimal value = values[i];");
        code.Line("count = D.Add(count, 1m);");
        code.Line("decimal chargeable = value;");
        if (p.FreeEvents is not null || p.FreeAmount is not null)
        {
            code.Line(p.FreeEvents is { } freeEvents ? $"if (D.LessOrEqual(count, {Literal(freeEvents)}))" : "if (true)");
            code.Open();
            code.Line("decimal freePart = value;");
            if (p.FreeAmount is { } freeAmount)
            {
                code.Line($"decimal remaining = D.Subtract({Literal(freeAmount)}, seen);");
                code.Line("freePart = D.LessOrEqual(remaining, 0m) ? 0m : D.LesserOf(value, remaining);");
            }

            code.Line("chargeable = D.Subtract(value, freePart);");
            code.Close();
        }

        code.Line("seen = D.Add(seen, value);");
        code.Line("if (D.LessOrEqual(chargeable, 0m)) continue;");
        code.Line($"decimal charge = D.Add(D.Divide(D.Multiply(chargeable, {Literal(p.RatePercent)}), 100m), {Literal(p.EventFee)});");
        if (p.EventMinimum is { } minimum)
        {
            code.Line($"if (D.Less(charge, {Literal(minimum)})) charge = {Literal(minimum)};");
        }

        if (p.EventMaximum is { } maximum)
        {
            code.Line($"if (D.Greater(charge, {Literal(maximum)})) charge = {Literal(maximum)};");
        }

        code.Line("amount = D.Add(amount, charge);");
        code.Close();
        code.Line("return amount;");
    }
}
