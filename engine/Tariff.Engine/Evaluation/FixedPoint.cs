using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Tariff.Engine.Evaluation;

/// <summary>
/// Exact pricing on small non-negative decimals held as 64-bit mantissas and scales, giving the very value and scale
/// <see cref="decimal"/> arithmetic gives, several times faster. It declines, rather than round, whenever a value is
/// negative or a result would not fit; the caller then does the same sum in decimal.
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
    private static bool TryNormalize(decimal value, int scale, out long normalized, out long mantissa, out int valueScale)
    {
        normalized = 0;
        return TryDecompose(value, out mantissa, out valueScale) && valueScale <= scale
            && TryScale(mantissa, scale - valueScale, out normalized);
    }

    /// <summary>Splits a non-negative decimal whose mantissa fits in 63 bits into mantissa and scale.</summary>
    public static bool TryDecompose(decimal value, out long mantissa, out int scale)
    {
        // Read in place rather than through decimal.GetBits, which copies to a span and costs more than the pricing.
        // The layout is the one decimal shares with the OLE DECIMAL structure it marshals to, flags then the high 32
        // bits then the low 64; the tests compare every answer with decimal arithmetic itself.
        ref var bits = ref Unsafe.As<decimal, DecimalBits>(ref value);
        scale = (bits.Flags >> 16) & 0xFF;
        mantissa = (long)bits.Low64;
        return bits.Flags >= 0 && bits.High32 == 0 && mantissa >= 0;
    }

    /// <summary>
    /// Prices a quantity with a <see cref="TierTable"/>: finds its tier, then evaluates that tier's line for the
    /// quantity's scale. False, with nothing computed, when the quantity is negative, too precise or too large for
    /// the line; the caller then prices it in decimal.
    /// </summary>
    // Inlined into each generated pricing method, which is then the only call a compiled rating makes.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryPrice(decimal quantity, TierTable table, out decimal result)
    {
        ArgumentNullException.ThrowIfNull(table);
        result = 0m;
        if (!TryNormalize(quantity, table.Scale, out var n, out var mantissa, out var quantityScale))
        {
            return false;
        }

        if (n == 0)
        {
            // Graduated and volume pricing answer a plain 0m; a per-unit zero keeps the product's scale: decimal does it.
            return table.Kind != TierTable.PerUnitKind;
        }

        // The table's constructor checked its length against its header, so every read below stays inside it; reading
        // by reference rather than by index saves a bounds check on each.
        ref var values = ref MemoryMarshal.GetArrayDataReference(table.Array);

        // The tier is the number of bounds below the quantity, counted without branches: quantities arrive in any
        // order, so a chain of ifs would mispredict on most of them.
        var tier = 0;
        for (var i = 0; i < table.Bounds; i++)
        {
            tier += (int)((ulong)(Unsafe.Add(ref values, TierTable.Header + i) - n) >> 63);
        }

        ref var block = ref Unsafe.Add(ref values, table.Blocks + (tier * table.Stride));
        if (table.Kind == TierTable.GraduatedKind && n == Unsafe.Add(ref values, TierTable.Header + tier))
        {
            return block >= 0 && Compose(block, (int)Unsafe.Add(ref block, 1), out result);
        }

        ref var row = ref Unsafe.Add(ref block, TierTable.TierHeader + (TierTable.RowSize * quantityScale));
        return mantissa <= row
            && Compose((mantissa * Unsafe.Add(ref row, 1)) + Unsafe.Add(ref row, 2), (int)Unsafe.Add(ref row, 3), out result);
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

    // Always succeeds (the table's limits keep the mantissa within 63 bits); returns true to end a chain of conditions.
    private static bool Compose(long mantissa, int scale, out decimal result)
    {
        var bits = new DecimalBits(scale << 16, (ulong)mantissa);
        result = Unsafe.As<DecimalBits, decimal>(ref bits);
        return true;
    }

    [StructLayout(LayoutKind.Sequential)]
    private readonly struct DecimalBits(int flags, ulong low64)
    {
        public readonly int Flags = flags;
        public readonly uint High32;
        public readonly ulong Low64 = low64;
    }
}
