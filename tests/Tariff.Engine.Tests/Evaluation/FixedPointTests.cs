using System.Globalization;
using Tariff.Engine.Evaluation;

namespace Tariff.Engine.Tests.Evaluation;

/// <summary>
/// The 64-bit fast path must give decimal's own result, digits and scale, whenever it answers at all: checked against
/// decimal arithmetic on a million random operands of mixed scales and sizes, including sizes that do not fit.
/// </summary>
public sealed class FixedPointTests
{
    [Fact]
    public void TryTier_RandomOperands_EqualsDecimalArithmeticToTheLastDigitAndScale()
    {
        var random = new Random(11);
        var answered = 0;
        for (var i = 0; i < 500_000; i++)
        {
            var (q, upper, lower, price, flat, below) = (Value(random), Value(random), Value(random), Value(random), Value(random), Value(random));
            if (lower > q || lower > upper)
            {
                (q, lower) = (lower, q);
            }

            decimal expected;
            try
            {
                expected = below + (((q < upper ? q : upper) - lower) * price + flat);
            }
            catch (OverflowException)
            {
                continue;
            }

            if (Split(q, out var mq, out var sq) && Split(upper, out var mu, out var su) && Split(lower, out var ml, out var sl)
                && Split(price, out var mp, out var sp) && Split(flat, out var mf, out var sf) && Split(below, out var mb, out var sb)
                && FixedPoint.TryTier(mq, sq, q < upper, mu, su, ml, sl, mp, sp, mf, sf, mb, sb, out var actual))
            {
                answered++;
                Assert.True(Exact(expected) == Exact(actual), $"{below} + ((min({q}, {upper}) - {lower}) * {price} + {flat}): decimal {Exact(expected)}, fast {Exact(actual)}");
            }
        }

        Assert.True(answered > 50_000, $"the fast path answered only {answered} times");
    }

    [Fact]
    public void TryMultiplyAdd_RandomOperands_EqualsDecimalArithmeticToTheLastDigitAndScale()
    {
        var random = new Random(12);
        for (var i = 0; i < 500_000; i++)
        {
            var (q, price, flat) = (Value(random), Value(random), Value(random));
            decimal expected;
            try
            {
                expected = q * price + flat;
            }
            catch (OverflowException)
            {
                continue;
            }

            if (Split(q, out var mq, out var sq) && Split(price, out var mp, out var sp) && Split(flat, out var mf, out var sf)
                && FixedPoint.TryMultiplyAdd(mq, sq, mp, sp, mf, sf, out var actual))
            {
                Assert.Equal(Exact(expected), Exact(actual));
            }
        }
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("0.0000000000000000000000000001")]
    public void TryNormalize_NegativeHugeOrTooPrecise_DeclinesInsteadOfRounding(string text)
    {
        Assert.False(FixedPoint.TryNormalize(decimal.Parse(text, CultureInfo.InvariantCulture), 6, out _, out _, out _));
    }

    // Non-negative values with 0 to 8 decimals and 1 to 19 digits, so that some products and sums overflow 63 bits.
    private static decimal Value(Random random)
    {
        var digits = random.Next(1, 20);
        var mantissa = (decimal)random.NextInt64(0, (long)Math.Pow(10, Math.Min(digits, 18)));
        var scale = (byte)random.Next(0, 9);
        return mantissa / (decimal)Math.Pow(10, scale) + new decimal(0, 0, 0, false, scale);
    }

    private static bool Split(decimal value, out long mantissa, out int scale) => FixedPoint.TryDecompose(value, out mantissa, out scale);

    private static string Exact(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
