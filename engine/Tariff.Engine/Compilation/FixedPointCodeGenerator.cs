using Tariff.Engine.Binding;
using Tariff.Engine.Evaluation;

namespace Tariff.Engine.Compilation;

/// <summary>Generates the 64-bit fast path tried before the decimal code of tiered and per-unit pricing (see FixedPoint).</summary>
internal static class FixedPointCodeGenerator
{
    // The same graduated sum on 64-bit mantissas (FixedPoint), tried first; when any value does not fit, or the plan's
    // numbers are too large for the fast path at all, the decimal code after it runs instead.
    public static void WriteGraduated(CodeWriter code, List<(decimal? UpTo, decimal Price, decimal Flat, bool Percent)> tiers)
    {
        var bounds = tiers.Where(t => t.UpTo is not null).Select(t => t.UpTo!.Value).ToList();
        if (NormalizationScale(bounds) is not { } scale)
        {
            return;
        }

        var steps = new List<string>();
        var lower = 0m;
        decimal? below = 0m;
        foreach (var (upTo, price, flat, _) in tiers)
        {
            if (below is null || !Parts(lower, out var l) || !Parts(price, out var p) || !Parts(flat, out var f) || !Parts(below.Value, out var b))
            {
                return;
            }

            var upper = (0L, 0);
            if (upTo is { } bound && !Parts(bound, out upper))
            {
                return;
            }

            var constants = $"{l.Mantissa}L, {l.Scale}, {p.Mantissa}L, {p.Scale}, {f.Mantissa}L, {f.Scale}, {b.Mantissa}L, {b.Scale}";
            steps.Add(upTo is { } limit
                ? $"if (n <= {Scaled(limit, scale)}L) {{ if (FixedPoint.TryTier(mq, sq, n < {Scaled(limit, scale)}L, {upper.Item1}L, {upper.Item2}, {constants}, out r)) return r; }}"
                : $"{{ if (FixedPoint.TryTier(mq, sq, true, 0L, 0, {constants}, out r)) return r; }}");
            if (upTo is { } end)
            {
                below = PricingCodeGenerator.FullTier(below, end - lower, price, flat, false);
                lower = end;
            }
        }

        WriteTierChain(code, scale, steps);
    }

    // The quantity at the bounds' scale, then the tiers in order; each answers or falls through to the decimal code.
    private static void WriteTierChain(CodeWriter code, int scale, List<string> steps)
    {
        code.Line($"if (FixedPoint.TryNormalize(q, {scale}, out long n, out long mq, out int sq))");
        code.Open();
        code.Line("decimal r;");
        code.Line("if (n <= 0L) return 0m;");
        code.Line(string.Join(" else ", steps));
        code.Close();
    }

    // Volume (and per unit, as one open tier): q * price + flat on 64-bit mantissas first.
    public static void WriteVolume(CodeWriter code, IReadOnlyList<BoundTier> tiers)
    {
        var bounds = tiers.Where(t => t.UpTo is not null).Select(t => t.UpTo!.Value).ToList();
        if (NormalizationScale(bounds) is not { } scale)
        {
            return;
        }

        var steps = new List<string>();
        foreach (var tier in tiers)
        {
            if (!Parts(tier.UnitPrice, out var p) || !Parts(tier.Flat, out var f))
            {
                return;
            }

            var call = $"if (FixedPoint.TryMultiplyAdd(mq, sq, {p.Mantissa}L, {p.Scale}, {f.Mantissa}L, {f.Scale}, out r)) return r;";
            steps.Add(tier.UpTo is { } limit ? $"if (n <= {Scaled(limit, scale)}L) {{ {call} }}" : $"{{ {call} }}");
        }

        WriteTierChain(code, scale, steps);
    }

    // The scale at which quantities are compared with the tier bounds: enough for the bounds' own decimals and, where
    // the bounds allow, six more places of quantity; null when the bounds do not fit in 64 bits at all.
    private static int? NormalizationScale(List<decimal> bounds)
    {
        var least = bounds.Count == 0 ? 0 : bounds.Max(b => (int)b.Scale);
        for (var scale = Math.Max(least, 6); scale >= least; scale--)
        {
            if (bounds.All(b => Parts(b, out var parts) && parts.Scale <= scale && parts.Mantissa <= long.MaxValue / Pow10(scale - parts.Scale)))
            {
                return scale;
            }
        }

        return null;
    }

    private static long Scaled(decimal bound, int scale)
    {
        Parts(bound, out var parts);
        return parts.Mantissa * Pow10(scale - parts.Scale);
    }

    private static long Pow10(int exponent)
    {
        var power = 1L;
        for (var i = 0; i < exponent; i++)
        {
            power *= 10;
        }

        return power;
    }

    public static bool Parts(decimal value, out (long Mantissa, int Scale) parts)
    {
        var ok = FixedPoint.TryDecompose(value, out var mantissa, out var scale);
        parts = (mantissa, scale);
        return ok;
    }
}
