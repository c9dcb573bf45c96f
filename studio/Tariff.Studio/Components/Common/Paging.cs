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
}
