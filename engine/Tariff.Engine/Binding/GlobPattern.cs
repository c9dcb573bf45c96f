namespace Tariff.Engine.Binding;

/// <summary>
/// A path glob: <c>*</c> matches any run of characters within one segment (no <c>/</c>), <c>**</c> any run at all,
/// <c>?</c> one character other than <c>/</c>. Matched by hand rather than by a regular expression, so that a
/// pattern can never be slow or mean anything but a glob.
/// </summary>
public sealed class GlobPattern(string pattern)
{
    /// <summary>The pattern as written.</summary>
    public string Pattern { get; } = pattern ?? throw new ArgumentNullException(nameof(pattern));

    /// <summary>True when <paramref name="text"/> matches the whole pattern.</summary>
    public bool IsMatch(string text) => Match(Pattern.AsSpan(), (text ?? throw new ArgumentNullException(nameof(text))).AsSpan());

    // Iterative matching with one backtrack point per kind of star: linear in practice and never exponential.
    private static bool Match(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        int p = 0, t = 0, starP = -1, starT = -1;
        var starCrossesSlash = false;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                starCrossesSlash = p + 1 < pattern.Length && pattern[p + 1] == '*';
                p += starCrossesSlash ? 2 : 1;
                starP = p;
                starT = t;
            }
            else if (p < pattern.Length && (pattern[p] == text[t] || (pattern[p] == '?' && text[t] != '/')))
            {
                p++;
                t++;
            }
            else if (starP >= 0 && (starCrossesSlash || text[starT] != '/'))
            {
                starT++;
                t = starT;
                p = starP;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
