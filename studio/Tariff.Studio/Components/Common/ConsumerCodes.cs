using Tariff.Platform.Catalog;

namespace Tariff.Studio.Components.Common;

/// <summary>Consumer codes as typed into a <see cref="ConsumerPicker"/>, and the consumers they name.</summary>
public static class ConsumerCodes
{
    // Codes are lower-case letters, digits, '-' and '_', so any other separator a person might type is safe to split on.
    private static readonly char[] Separators = [',', ';', ' ', '\t', '\r', '\n'];

    /// <summary>The codes in <paramref name="text"/>, blanks and repeats dropped, in the order typed.</summary>
    public static IReadOnlyList<string> Split(string? text) =>
        [.. (text ?? "").Split(Separators, StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// The codes before the last comma, written back as the field will hold them ("a, b, "), and the part after it,
    /// which is the code being typed.
    /// </summary>
    public static (string Typed, string Last) SplitLast(string? text)
    {
        text ??= "";
        var cut = text.LastIndexOf(',');
        if (cut < 0)
        {
            return ("", text.Trim());
        }

        var typed = Split(text[..cut]);
        return (typed.Count == 0 ? "" : string.Join(", ", typed) + ", ", text[(cut + 1)..].Trim());
    }

    /// <summary>
    /// The consumer a filter names in <paramref name="text"/>: by its code, or by its id, which older links carry.
    /// Null when no consumer of the tenant has it.
    /// </summary>
    public static async Task<Consumer?> FindAsync(ConsumerService consumers, Guid tenantId, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consumers);
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        return Guid.TryParse(trimmed, out var id)
            ? await consumers.FindAsync(tenantId, id, cancellationToken)
            : await consumers.FindByCodeAsync(tenantId, trimmed, cancellationToken);
    }

    /// <summary>
    /// The ids of the consumers <paramref name="codes"/> name, or the error to show next to the field when some
    /// code is nobody's (all of them named, so one correction fixes the form).
    /// </summary>
    public static async Task<(IReadOnlyList<Guid> Ids, string? Error)> ResolveAsync(ConsumerService consumers, Guid tenantId,
        IReadOnlyList<string> codes, CancellationToken cancellationToken)
    {
        if (codes.Count == 0)
        {
            return ([], null);
        }

        var found = await consumers.FindByCodesAsync(tenantId, codes, cancellationToken);
        var unknown = codes.Where(code => !found.ContainsKey(code)).ToList();
        return unknown.Count == 0
            ? ([.. codes.Select(code => found[code].Id)], null)
            : ([], $"No consumer has the code {string.Join(", ", unknown.Select(code => $"'{code}'"))}.");
    }
}
