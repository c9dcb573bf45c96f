using System.Globalization;
using Tariff.Engine.Binding;
using Tariff.Engine.Evaluation;

namespace Tariff.Engine.Tests.Evaluation;

/// <summary>
/// The 64-bit fast path must give the charge models' own result, digits and scale, whenever it answers at all:
/// checked against <see cref="ChargeModels"/> on random tiers and a million random quantities of mixed scales and
/// sizes, including sizes that do not fit.
/// </summary>
public sealed class FixedPointTests
{
    private const int TierSets = 2_000;
    private const int QuantitiesPerSet = 250;

    [Fact]
    public void TryPrice_Graduated_EqualsTheChargeModelToTheLastDigitAndScale()
    {
        var answered = Compare(21, TierTable.Graduated, ChargeModels.Graduated);
        Assert.True(answered > TierSets * QuantitiesPerSet / 4, $"the fast path answered only {answered} times");
    }

    [Fact]
    public void TryPrice_Volume_EqualsTheChargeModelToTheLastDigitAndScale()
    {
        var answered = Compare(22, TierTable.Volume, ChargeModels.Volume);
        Assert.True(answered > TierSets * QuantitiesPerSet / 4, $"the fast path answered only {answered} times");
    }

    [Fact]
    public void TryPrice_PerUnit_EqualsTheChargeModelToTheLastDigitAndScale()
    {
        var answered = Compare(
            23,
            tiers => TierTable.PerUnit(tiers[0].UnitPrice),
            (quantity, tiers) => ChargeModels.PerUnit(quantity, tiers[0].UnitPrice));
        Assert.True(answered > TierSets * QuantitiesPerSet / 4, $"the fast path answered only {answered} times");
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("0.0000000000000000000000000001")]
    public void TryPrice_NegativeHugeOrTooPrecise_DeclinesInsteadOfRounding(string text)
    {
        var table = TierTable.Graduated([new BoundTier(10m, 1m, 0m), new BoundTier(null, 0.5m, 0m)])!;
        Assert.False(FixedPoint.TryPrice(decimal.Parse(text, CultureInfo.InvariantCulture), table, out _));
    }

    [Fact]
    public void TryPrice_ZeroPriceOverAWideQuantity_KeepsDecimalsDroppedScale()
    {
        // decimal: 0.0m * 798947799.7611m is 0 (scale 0) but 0.0m * 12345.678m is 0.0000. Either the fast path
        // answers the same, or it declines.
        var table = TierTable.PerUnit(0.0m);
        foreach (var quantity in new[] { 798947799.7611m, 12345.678m })
        {
            if (FixedPoint.TryPrice(quantity, table, out var actual))
            {
                Assert.Equal(Exact(quantity * 0.0m), Exact(actual));
            }
        }
    }

    [Fact]
    public void TierTable_ValuesWhoseLengthDoesNotMatchTheHeader_AreRefused()
    {
        var values = TierTable.Graduated([new BoundTier(10m, 1m, 0m), new BoundTier(null, 0.5m, 0m)])!.Values.ToArray();
        Assert.Equal(values, new TierTable(values).Values);
        Assert.Throws<ArgumentException>(() => new TierTable(values[..^1]));
        Assert.Throws<ArgumentException>(() => new TierTable([.. values, 0L]));
        values[2] = 3;
        Assert.Throws<ArgumentException>(() => new TierTable(values));
    }

    [Fact]
    public void TryDecompose_RandomDecimals_ReadsWhatGetBitsReads()
    {
        var random = new Random(24);
        for (var i = 0; i < 100_000; i++)
        {
            var value = new decimal(random.Next(), random.Next(), random.Next(4) == 0 ? random.Next() : 0, random.Next(8) == 0, (byte)random.Next(29));
            var bits = decimal.GetBits(value);
            var fits = bits[3] >= 0 && bits[2] == 0 && bits[1] >= 0;
            Assert.Equal(fits, FixedPoint.TryDecompose(value, out var mantissa, out var scale));
            Assert.Equal(value.Scale, scale);
            if (fits)
            {
                Assert.Equal(((long)bits[1] << 32) | (uint)bits[0], mantissa);
            }
        }
    }

    private static int Compare(int seed, Func<IReadOnlyList<BoundTier>, TierTable?> tableOf, Func<decimal, IReadOnlyList<BoundTier>, decimal> model)
    {
        var random = new Random(seed);
        var answered = 0;
        for (var set = 0; set < TierSets; set++)
        {
            var tiers = Tiers(random);
            if (tableOf(tiers) is not { } table)
            {
                continue;
            }

            for (var i = 0; i < QuantitiesPerSet; i++)
            {
                // Half the quantities sit on or next to a bound, where tiers change and scales matter most.
                var quantity = random.Next(2) == 0 || tiers.Count == 1 ? Value(random, 12) : NearBound(random, tiers);
                decimal expected;
                try
                {
                    expected = model(quantity, tiers);
                }
                catch (OverflowException)
                {
                    Assert.False(FixedPoint.TryPrice(quantity, table, out _), $"the fast path priced {quantity}, which overflows decimal");
                    continue;
                }

                if (FixedPoint.TryPrice(quantity, table, out var actual))
                {
                    answered++;
                    Assert.True(Exact(expected) == Exact(actual), $"{Describe(tiers)} at {quantity}: decimal {Exact(expected)}, fast {Exact(actual)}");
                }
            }
        }

        return answered;
    }

    // One to five tiers with rising bounds of 0 to 3 decimals, prices and flat fees of 0 to 6 decimals, some zero.
    private static List<BoundTier> Tiers(Random random)
    {
        var count = random.Next(1, 6);
        var tiers = new List<BoundTier>();
        var bound = 0m;
        for (var i = 0; i < count; i++)
        {
            decimal? upTo = null;
            if (i < count - 1)
            {
                bound += Math.Max(Value(random, 7, 3), 0.001m);
                upTo = bound;
            }

            var price = random.Next(6) == 0 ? Zero(random) : Value(random, random.Next(1, 19), 6);
            var flat = random.Next(2) == 0 ? 0m : Value(random, random.Next(1, 10), 6);
            tiers.Add(new BoundTier(upTo, price, flat));
        }

        return tiers;
    }

    private static decimal NearBound(Random random, List<BoundTier> tiers)
    {
        var bound = tiers[random.Next(tiers.Count - 1)].UpTo!.Value;
        var step = new decimal(1, 0, 0, false, (byte)random.Next(0, 9));
        var scaled = bound + new decimal(0, 0, 0, false, (byte)random.Next(0, 9));
        return random.Next(3) switch
        {
            0 => scaled,
            1 => scaled + step,
            _ => Math.Max(scaled - step, 0m),
        };
    }

    private static decimal Zero(Random random) => new(0, 0, 0, false, (byte)random.Next(0, 5));

    // Non-negative values with up to maxScale decimals and 1 to digits digits, so that some products overflow 63 bits.
    private static decimal Value(Random random, int digits, int maxScale = 8)
    {
        var mantissa = (decimal)random.NextInt64(0, (long)Math.Pow(10, Math.Min(random.Next(1, digits + 1), 18)));
        var scale = (byte)random.Next(0, maxScale + 1);
        return mantissa / (decimal)Math.Pow(10, scale) + new decimal(0, 0, 0, false, scale);
    }

    private static string Describe(List<BoundTier> tiers) =>
        string.Join("; ", tiers.Select(t => $"{(t.UpTo is { } u ? Exact(u) : "above")} at {Exact(t.UnitPrice)} flat {Exact(t.Flat)}"));

    private static string Exact(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
