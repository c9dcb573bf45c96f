namespace Tariff.Engine.Binding;

/// <summary>Finds the name a person probably meant, for "did you mean" in diagnostics.</summary>
internal static class NameSuggester
{
    /// <summary>The closest candidate within a small edit distance, or null.</summary>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        var limit = Math.Max(1, name.Length / 3);
        return candidates
            .Select(candidate => (candidate, distance: Distance(name, candidate)))
            .Where(pair => pair.distance <= limit)
            .OrderBy(pair => pair.distance)
            // Typos tend to come late in a word, so between equally close names prefer the longer shared start.
            .ThenByDescending(pair => CommonPrefix(name, pair.candidate))
            .ThenBy(pair => pair.candidate, StringComparer.Ordinal)
            .Select(pair => pair.candidate)
            .FirstOrDefault();
    }

    /// <summary>"; did you mean `x`?" or nothing.</summary>
    public static string Hint(string name, IEnumerable<string> candidates) =>
        Closest(name, candidates) is { } suggestion ? $"; did you mean `{suggestion}`?" : string.Empty;

    private static int CommonPrefix(string a, string b)
    {
        var length = 0;
        while (length < a.Length && length < b.Length && a[length] == b[length])
        {
            length++;
        }

        return length;
    }

    // Levenshtein distance with adjacent transpositions counted as one edit.
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
