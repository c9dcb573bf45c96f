namespace Tariff.Studio.Components.Common;

/// <summary>Cuts sorted lists into pages for the studio's tables.</summary>
public static class Paging
{
    /// <summary>How many rows a list page shows.</summary>
    public const int DefaultSize = 25;

    /// <summary>The page <paramref name="number"/> of <paramref name="all"/>, clamped into the pages that exist so that a stale link still shows something.</summary>
    public static PageOf<T> Of<T>(IReadOnlyCollection<T> all, int? number, int size = DefaultSize)
    {
        ArgumentNullException.ThrowIfNull(all);
        var count = Math.Max(1, (all.Count + size - 1) / size);
        var page = Math.Clamp(number ?? 1, 1, count);
        return new PageOf<T>([.. all.Skip((page - 1) * size).Take(size)], page, count, all.Count);
    }

    /// <summary>The page number to read of <paramref name="total"/> rows: <paramref name="number"/> clamped into the pages that exist.</summary>
    public static int Clamp(int total, int? number, int size = DefaultSize) => Math.Clamp(number ?? 1, 1, Math.Max(1, (total + size - 1) / size));

    /// <summary>A page the database already sorted and cut: <paramref name="items"/> are page <paramref name="number"/> of <paramref name="total"/> rows.</summary>
    public static PageOf<T> Stored<T>(IReadOnlyList<T> items, int number, int total, int size = DefaultSize) =>
        new(items, number, Math.Max(1, (total + size - 1) / size), total);
}
