using System.Globalization;

namespace Tariff.Studio.Components.Common;

/// <summary>Reads the numbers and dates of a form's text fields, noting an error next to each field that holds something else.</summary>
public static class FormNumbers
{
    /// <summary>The number in <paramref name="text"/>; null when it is empty, or (with an error) when it is not a number.</summary>
    public static decimal? Amount(string? text, string field, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (decimal.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors[field] = [$"'{text}' is not a number; write it with a point, such as 12.50."];
        return null;
    }

    /// <summary>The whole number in <paramref name="text"/>; null when it is empty, or (with an error) when it is not one.</summary>
    public static int? WholeNumber(string? text, string field, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors[field] = [$"'{text}' is not a whole number."];
        return null;
    }

    /// <summary>The start (UTC) of the date in <paramref name="text"/>; null when it is empty, or (with an error) when it is not yyyy-MM-dd.</summary>
    public static DateTimeOffset? DateStart(string? text, string field, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        errors[field] = [$"'{text}' is not a date; write it as yyyy-MM-dd."];
        return null;
    }
}
