using System.Globalization;
using System.Numerics;
using Tariff.Engine.Binding;

namespace Tariff.Engine.Evaluation;

/// <summary>
/// Tiered and per-unit prices as 64-bit constants for <see cref="FixedPoint.TryPrice"/>. Inside one tier the amount is
/// linear in the quantity, and the scale decimal arithmetic gives it depends only on the quantity's own scale. So for
/// each tier and each quantity scale the table holds the two coefficients of that line on the result's mantissa, the
/// result's scale and the largest quantity mantissa for which the line cannot overflow: pricing is then one multiply
/// and one add, with exactly the digits and scale of <see cref="ChargeModels"/>.
/// </summary>
/// <remarks>
/// <see cref="Values"/>: <c>[kind, S, tiers]</c>; the bounds of the tiers at scale S (quantities are compared at that
/// scale; <see cref="long.MaxValue"/> for the open tier); then per tier <c>[atBoundMantissa, atBoundScale]</c> followed
/// by, for each quantity scale from 0 to S, <c>[maxMantissa, k1, k0, resultScale]</c>. A quantity exactly on a
/// graduated bound costs the constant <c>atBound</c> (the interpreter takes the bound's digits then, not the
/// quantity's). A negative maximum mantissa, or a negative <c>atBoundMantissa</c>, sends the caller to decimal.
/// </remarks>
public sealed class TierTable
{
    internal const int Header = 3;
    internal const int TierHeader = 2;
    internal const int RowSize = 4;
    internal const long GraduatedKind = 0;
    internal const long VolumeKind = 1;
    internal const long PerUnitKind = 2;

    // Decimal keeps at most 28 decimals; a quantity's own scale beyond six more places than its bounds' is rare.
    private const int MaxScale = 28;
    private const int ExtraQuantityDecimals = 6;
    private const int MaxTiers = 10_000;

    private readonly long[] values;

    /// <summary>A table from its values (as generated code holds them), checked against its own header.</summary>
    public TierTable(long[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length < Header || values[0] is < GraduatedKind or > PerUnitKind || values[1] is < 0 or > MaxScale
            || values[2] is < 1 or > MaxTiers
            || values.Length != Header + (values[2] * (1 + TierHeader + (RowSize * (values[1] + 1)))))
        {
            throw new ArgumentException("Not a tier table: its length does not match its header.", nameof(values));
        }

        this.values = values;
        Kind = values[0];
        Scale = (int)values[1];
        Bounds = (int)values[2] - 1;
        Stride = TierHeader + (RowSize * (Scale + 1));
        Blocks = Header + (int)values[2];
    }

    /// <summary>The table's values.</summary>
    public IReadOnlyList<long> Values => values;

    /// <summary>
    /// The values as text, numbers separated by spaces: generated code holds a table as one string literal, which
    /// Roslyn binds in no time, where an array initializer of a few hundred longs costs milliseconds per plan.
    /// </summary>
    public string Text => string.Join(' ', values.Select(value => value.ToString(CultureInfo.InvariantCulture)));

    /// <summary>A table from its <see cref="Text"/>.</summary>
    public static TierTable Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(' ');
        var values = new long[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!long.TryParse(parts[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out values[i]))
            {
                throw new FormatException($"Not a tier table: `{parts[i]}` is not a 64-bit integer.");
            }
        }

        return new TierTable(values);
    }

    internal long Kind { get; }

    internal int Scale { get; }

    internal int Bounds { get; }

    internal int Stride { get; }

    internal int Blocks { get; }

    internal long[] Array => values;

    /// <summary>The table of a graduated pricing, or null when its numbers do not fit in 64 bits.</summary>
    public static TierTable? Graduated(IReadOnlyList<BoundTier> tiers)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        if (NormalizationScale(tiers) is not { } scale)
        {
            return null;
        }

        var table = Start(GraduatedKind, scale, tiers.Count);
        var lower = 0m;
        decimal? below = 0m;
        foreach (var tier in tiers)
        {
            var next = tier.UpTo is { } upper ? ChargeModels.FullTier(below, upper - lower, tier.UnitPrice, tier.Flat, percent: false) : null;
            AddTier(table, scale, tier.UpTo, next, sq => below is { } b ? GraduatedLine(sq, lower, tier.UnitPrice, tier.Flat, b) : null);
            lower = tier.UpTo ?? lower;
            below = next;
        }

        return table.Build();
    }

    /// <summary>The table of a volume pricing, or null when its numbers do not fit in 64 bits.</summary>
    public static TierTable? Volume(IReadOnlyList<BoundTier> tiers)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        if (NormalizationScale(tiers) is not { } scale)
        {
            return null;
        }

        var table = Start(VolumeKind, scale, tiers.Count);
        foreach (var tier in tiers)
        {
            AddTier(table, scale, tier.UpTo, null, sq => ProductLine(sq, tier.UnitPrice, tier.Flat));
        }

        return table.Build();
    }

    /// <summary>The table of a per-unit price (one open tier, no flat fee); a price too large for 64 bits gets rows that decline.</summary>
    public static TierTable PerUnit(decimal unitPrice)
    {
        var table = Start(PerUnitKind, ExtraQuantityDecimals, 1);
        AddTier(table, ExtraQuantityDecimals, null, null, sq => ProductLine(sq, unitPrice, 0m));
        return table.Build();
    }

    private static Builder Start(long kind, int scale, int tiers) => new(kind, scale, tiers);

    private static void AddTier(Builder table, int scale, decimal? upTo, decimal? atUpper, Func<int, Line?> lineAt)
    {
        table.Bounds.Add(upTo is { } upper ? Scaled(upper, scale) : long.MaxValue);
        if (atUpper is { } constant && FixedPoint.TryDecompose(constant, out var mantissa, out var constantScale))
        {
            table.Blocks.AddRange([mantissa, constantScale]);
        }
        else
        {
            table.Blocks.AddRange([-1L, 0L]);
        }

        for (var sq = 0; sq <= scale; sq++)
        {
            table.Blocks.AddRange(lineAt(sq) is { } line ? [line.MaxMantissa, line.K1, line.K0, line.Scale] : [-1L, 0L, 0L, 0L]);
        }
    }

    // below + ((q - lower) * price + flat) for q strictly inside the tier, with q = mantissa / 10^sq.
    private static Line? GraduatedLine(int sq, decimal lower, decimal price, decimal flat, decimal below)
    {
        if (!Parts(lower, out var l, out var ls) || !Parts(price, out var p, out var ps) || !Parts(flat, out var f, out var fs)
            || !Parts(below, out var b, out var bs))
        {
            return null;
        }

        var insideScale = Math.Max(sq, ls);
        var productScale = insideScale + ps;
        var scale = Math.Max(productScale, Math.Max(fs, bs));
        var toResult = Pow10(scale - productScale);
        var k1 = Pow10(insideScale - sq) * p * toResult;
        var k0 = -l * Pow10(insideScale - ls) * p * toResult + f * Pow10(scale - fs) + b * Pow10(scale - bs);
        // With a zero price the product is zero, and decimal drops its scale when the other factor is wider than 32
        // bits; the line only covers quantities below that (q - lower at insideScale at most uint.MaxValue).
        BigInteger? zeroProductLimit = p.IsZero ? (uint.MaxValue + (l * Pow10(insideScale - ls))) / Pow10(insideScale - sq) : null;
        return Fit(scale, k1, k0, zeroProductLimit);
    }

    // q * price + flat (volume, and per unit with flat 0m, which adds nothing, not even scale).
    private static Line? ProductLine(int sq, decimal price, decimal flat)
    {
        if (!Parts(price, out var p, out var ps) || !Parts(flat, out var f, out var fs))
        {
            return null;
        }

        var productScale = sq + ps;
        var scale = Math.Max(productScale, fs);
        var k1 = p * Pow10(scale - productScale);
        var k0 = f * Pow10(scale - fs);
        return Fit(scale, k1, k0, p.IsZero ? new BigInteger(uint.MaxValue) : null);
    }

    // The largest mantissa for which mantissa * k1 + k0 stays within 63 bits, and the line's constants, when they fit.
    private static Line? Fit(int scale, BigInteger k1, BigInteger k0, BigInteger? zeroProductLimit)
    {
        if (scale > MaxScale || k1 > long.MaxValue || k0 > long.MaxValue || k0 <= long.MinValue)
        {
            return null;
        }

        var room = long.MaxValue - BigInteger.Max(k0, BigInteger.Zero);
        var max = k1.IsZero ? new BigInteger(long.MaxValue) : room / k1;
        if (zeroProductLimit is { } limit)
        {
            max = BigInteger.Min(max, limit);
        }

        return new Line((long)BigInteger.Min(max, long.MaxValue), (long)k1, (long)k0, scale);
    }

    // The scale at which quantities are compared with the bounds: the bounds' own decimals and, where the bounds allow,
    // six more places of quantity; null when the bounds do not fit in 64 bits at all.
    private static int? NormalizationScale(IReadOnlyList<BoundTier> tiers)
    {
        var bounds = tiers.Where(t => t.UpTo is not null).Select(t => t.UpTo!.Value).ToList();
        var least = bounds.Count == 0 ? 0 : bounds.Max(b => (int)b.Scale);
        for (var scale = Math.Max(least, ExtraQuantityDecimals); scale >= least; scale--)
        {
            if (bounds.All(b => Parts(b, out var mantissa, out var boundScale) && mantissa * Pow10(scale - boundScale) <= long.MaxValue))
            {
                return scale;
            }
        }

        return null;
    }

    private static long Scaled(decimal bound, int scale)
    {
        Parts(bound, out var mantissa, out var boundScale);
        return (long)(mantissa * Pow10(scale - boundScale));
    }

    private static bool Parts(decimal value, out BigInteger mantissa, out int scale)
    {
        var fits = FixedPoint.TryDecompose(value, out var m, out scale);
        mantissa = m;
        return fits;
    }

    private static BigInteger Pow10(int exponent)
    {
        var power = BigInteger.One;
        for (var i = 0; i < exponent; i++)
        {
            power *= 10;
        }

        return power;
    }

    private sealed class Builder(long kind, int scale, int tiers)
    {
        public List<long> Bounds { get; } = [];

        public List<long> Blocks { get; } = [];

        public TierTable Build() => new([kind, scale, tiers, .. Bounds, .. Blocks]);
    }

    private readonly record struct Line(long MaxMantissa, long K1, long K0, int Scale);
}
