namespace Tariff.Engine.Evaluation;

/// <summary>
/// Exact arithmetic on small non-negative decimals held as 64-bit mantissas and scales, giving the very value and
/// scale <see cref="decimal"/> arithmetic gives (a sum or difference takes the larger scale, a product the sum of the
/// scales) but several times faster. Every method reports false, rather than round, whenever a value is negative or
/// a result would not fit; the caller then does the same sum in decimal.
/// </summary>
public static class FixedPoint
{
    private static readonly long[] Powers =
    [
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L,
        10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L, 100_000_000_000_000L,
        1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L, 1_000_000_000_000_000_000L,
    ];

    /// <summary>
    /// Splits a non-negative decimal into its mantissa and scale, and gives its value at <paramref name="scale"/>
    /// (<paramref name="normalized"/> = value × 10^scale), when all of it fits in 64 bits.
    /// </summary>
    public static bool TryNormalize(decimal value, int scale, out long normalized, out long mantissa, out int valueScale)
    {
        normalized = 0;
        return TryDecompose(value, out mantissa, out valueScale) && valueScale <= scale
            && TryScale(mantissa, scale - valueScale, out normalized);
    }

    /// <summary>Splits a non-negative decimal whose mantissa fits in 63 bits into mantissa and scale.</summary>
    public static bool TryDecompose(decimal value, out long mantissa, out int scale)
    {
        mantissa = 0;
        scale = value.Scale;
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        if (bits[3] < 0 || bits[2] != 0 || bits[1] < 0)
        {
            return false;
        }

        mantissa = ((long)bits[1] << 32) | (uint)bits[0];
        return true;
    }

    /// <summary>
    /// One graduated tier on top of the fully used tiers below it, exactly as decimal computes
    /// <c>below + (((q &lt; upper ? q : upper) - lower) * price + flat)</c>.
    /// </summary>
    public static bool TryTier(long q, int qScale, bool qBelowUpper, long upper, int upperScale, long lower, int lowerScale,
        long price, int priceScale, long flat, int flatScale, long below, int belowScale, out decimal result)
    {
        result = 0m;
        var (x, xScale) = qBelowUpper ? (q, qScale) : (upper, upperScale);
        return TrySubtract(x, xScale, lower, lowerScale, out var inside, out var insideScale)
            && TryMultiply(inside, insideScale, price, priceScale, out var product, out var productScale)
            && TryAdd(product, productScale, flat, flatScale, out var tier, out var tierScale)
            && TryAdd(below, belowScale, tier, tierScale, out var amount, out var amountScale)
            && Compose(amount, amountScale, out result);
    }

    /// <summary><c>q * price + flat</c> exactly as decimal computes it (volume and per-unit pricing).</summary>
    public static bool TryMultiplyAdd(long q, int qScale, long price, int priceScale, long flat, int flatScale, out decimal result)
    {
        result = 0m;
        return TryMultiply(q, qScale, price, priceScale, out var product, out var productScale)
            && TryAdd(product, productScale, flat, flatScale, out var amount, out var amountScale)
            && Compose(amount, amountScale, out result);
    }

    private static bool TryAdd(long a, int aScale, long b, int bScale, out long sum, out int scale)
    {
        sum = 0;
        scale = Math.Max(aScale, bScale);
        return TryScale(a, scale - aScale, out var left) && TryScale(b, scale - bScale, out var right)
            && !((sum = left + right) < 0);
    }

    private static bool TrySubtract(long a, int aScale, long b, int bScale, out long difference, out int scale)
    {
        difference = 0;
        scale = Math.Max(aScale, bScale);
        return TryScale(a, scale - aScale, out var left) && TryScale(b, scale - bScale, out var right)
            && (difference = left - right) >= 0;
    }

    private static bool TryMultiply(long a, int aScale, long b, int bScale, out long product, out int scale)
    {
        scale = aScale + bScale;
        var high = Math.BigMul(a, b, out product);
        if (product == 0 && high == 0 && (a > uint.MaxValue || b > uint.MaxValue))
        {
            // Decimal multiplies two 32-bit mantissas keeping the summed scale even for a zero product, but returns a
            // plain 0 (scale 0) when a wider mantissa gives zero: 0.0m * 798947799.7611m is 0, 0.0m * 12345.678m is 0.0000.
            scale = 0;
        }

        return scale <= 28 && high == 0 && product >= 0;
    }

    private static bool TryScale(long value, int by, out long scaled)
    {
        scaled = value;
        if (by == 0)
        {
            return true;
        }

        if (by >= Powers.Length)
        {
            return false;
        }

        var high = Math.BigMul(value, Powers[by], out scaled);
        return high == 0 && scaled >= 0;
    }

    // Always succeeds (every earlier step kept the mantissa within 63 bits); returns true to end the chain of steps.
    private static bool Compose(long mantissa, int scale, out decimal result)
    {
        result = new decimal((int)(uint)mantissa, (int)(mantissa >> 32), 0, false, (byte)scale);
        return true;
    }
}
