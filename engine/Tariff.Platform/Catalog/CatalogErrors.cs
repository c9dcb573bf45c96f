using System.Text.RegularExpressions;
using Npgsql;

namespace Tariff.Platform.Catalog;

/// <summary>Turns the database's refusals into errors that name the request's field.</summary>
internal static partial class CatalogErrors
{
    /// <summary>A code: lower-case letters, digits, '-' and '_', starting with a letter or digit, at most 63.</summary>
    public static void RequireCode(string? code, string field = "code")
    {
        if (code is null || !CodePattern().IsMatch(code))
        {
            throw new CatalogValidationException(field, $"'{code}' is not a code: use 1 to 63 lower-case letters, digits, '-' or '_', starting with a letter or digit.");
        }
    }

    public static void RequireText(string? value, string field, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > maxLength)
        {
            throw new CatalogValidationException(field, $"is required, at most {maxLength} characters.");
        }
    }

    /// <summary>Runs <paramref name="action"/>; a unique violation becomes "already used" on <paramref name="field"/>.</summary>
    public static async Task<T> UniqueAsync<T>(Func<Task<T>> action, string field, string what)
    {
        try
        {
            return await action();
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new CatalogValidationException(field, $"is already used by another {what}.");
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
