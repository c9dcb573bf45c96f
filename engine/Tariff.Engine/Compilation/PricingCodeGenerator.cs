using Tariff.Engine.Binding;

namespace Tariff.Engine.Compilation;

/// <summary>Generates the pricing methods: ChargeModels arithmetic, operation by operation, with the constants inlined.</summary>
internal static class PricingCodeGenerator
{
    public static void WritePricing(CodeWriter code, int charge, int index, BoundPricing pricing)
    {
        code.Line($"public static decimal {CSharpGenerator.PriceMethod(charge, index)}(decimal q, IReadOnlyList<decimal> values)");
        code.Open();
        switch (pricing)
        {
            case PerUnitPricing p:
                if (FixedPointCodeGenerator.Parts(p.UnitPrice, out var unitPrice))
                {
                    code.Line($"if (FixedPoint.TryDecompose(q, out long mq, out int sq) && FixedPoint.TryMultiplyAdd(mq, sq, {unitPrice.Mantissa}L, {unitPrice.Scale}, 0L, 0, out decimal r)) return r;");
                }

                code.Line($"return q * {CSharpLiterals.Decimal(p.UnitPrice)};");
                break;
            case GraduatedPricing g:
                WriteGraduated(code, [.. g.Tiers.Select(t => (t.UpTo, t.UnitPrice, t.Flat, false))]);
                break;
            case VolumePricing v:
                FixedPointCodeGenerator.WriteVolume(code, v.Tiers);
                code.Line("if (q <= 0m) return 0m;");
                foreach (var tier in v.Tiers)
                {
                    var price = $"q * {CSharpLiterals.Decimal(tier.UnitPrice)} + {CSharpLiterals.Decimal(tier.Flat)}";
                    code.Line(tier.UpTo is { } upTo ? $"if (q <= {CSharpLiterals.Decimal(upTo)}) return {price};" : $"return {price};");
                }

                break;
            case PackagePricing p:
                code.Line($"return q <= 0m ? 0m : decimal.Ceiling(q / {CSharpLiterals.Decimal(p.Size)}) * {CSharpLiterals.Decimal(p.Price)};");
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
        if (!tiers[0].Percent)
        {
            FixedPointCodeGenerator.WriteGraduated(code, tiers);
        }

        code.Line("if (q <= 0m) return 0m;");
        var lower = 0m;
        decimal? below = 0m;
        foreach (var (upTo, price, flat, percent) in tiers)
        {
            var upper = upTo is { } bound ? CSharpLiterals.Decimal(bound) : "q";
            var inside = $"((q < {upper} ? q : {upper}){Minus(lower)})";
            var tierAmount = percent ? $"{inside} * {CSharpLiterals.Decimal(price)} / 100m{Plus(flat)}" : $"{inside} * {CSharpLiterals.Decimal(price)}{Plus(flat)}";
            // Past a tier whose full amount overflows a decimal, the interpreter overflows too: say so the same way.
            var result = below is { } constant
                ? $"return {(IsPlainZero(constant) ? tierAmount : $"{CSharpLiterals.Decimal(constant)} + ({tierAmount})")};"
                : "throw new OverflowException(\"Value was either too large or too small for a Decimal.\");";
            code.Line(upTo is { } limit ? $"if (q <= {CSharpLiterals.Decimal(limit)}) {result}" : result);
            if (upTo is { } end)
            {
                below = FullTier(below, end - lower, price, flat, percent);
                lower = end;
            }
        }
    }

    // Adding or subtracting 0m (zero with no decimals) leaves a decimal's value and scale as they were, so it is left out.
    private static bool IsPlainZero(decimal value) => value == 0m && value.Scale == 0;

    private static string Plus(decimal value) => IsPlainZero(value) ? string.Empty : $" + {CSharpLiterals.Decimal(value)}";

    private static string Minus(decimal value) => IsPlainZero(value) ? string.Empty : $" - {CSharpLiterals.Decimal(value)}";

    internal static decimal? FullTier(decimal? below, decimal width, decimal price, decimal flat, bool percent)
    {
        try
        {
            return below + (percent ? width * price / 100m + flat : width * price + flat);
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    // ChargeModels.Percentage with the options resolved at generation time.
    private static void WritePercentage(CodeWriter code, PercentagePricing p)
    {
        code.Line("decimal amount = 0m;");
        code.Line("decimal seen = 0m;");
        code.Line("decimal count = 0m;");
        code.Line("for (int i = 0; i < values.Count; i++)");
        code.Open();
        code.Line("decimal value = values[i];");
        code.Line("count++;");
        code.Line("decimal chargeable = value;");
        if (p.FreeEvents is not null || p.FreeAmount is not null)
        {
            code.Line(p.FreeEvents is { } freeEvents ? $"if (count <= {CSharpLiterals.Decimal(freeEvents)})" : "if (true)");
            code.Open();
            code.Line("decimal freePart = value;");
            if (p.FreeAmount is { } freeAmount)
            {
                code.Line($"decimal remaining = {CSharpLiterals.Decimal(freeAmount)} - seen;");
                code.Line("freePart = remaining <= 0m ? 0m : (value < remaining ? value : remaining);");
            }

            code.Line("chargeable = value - freePart;");
            code.Close();
        }

        code.Line("seen += value;");
        code.Line("if (chargeable <= 0m) continue;");
        code.Line($"decimal charge = chargeable * {CSharpLiterals.Decimal(p.RatePercent)} / 100m + {CSharpLiterals.Decimal(p.EventFee)};");
        if (p.EventMinimum is { } minimum)
        {
            code.Line($"if (charge < {CSharpLiterals.Decimal(minimum)}) charge = {CSharpLiterals.Decimal(minimum)};");
        }

        if (p.EventMaximum is { } maximum)
        {
            code.Line($"if (charge > {CSharpLiterals.Decimal(maximum)}) charge = {CSharpLiterals.Decimal(maximum)};");
        }

        code.Line("amount += charge;");
        code.Close();
        code.Line("return amount;");
    }
}
