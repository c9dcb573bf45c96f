using System.Globalization;

namespace Tariff.Studio.Components.Common;

/// <summary>Reads the numbers and dates of a form's text fields, noting an error next to each field that holds something else.</summary>
public static class FormNumbers
{
    /// <summary>The number in <paramref name="text"/>; null when it is empty, or (with an error) when it is not a number.</summary>
    public static decimal? Amount(string? text, string field, Dictionary<string, string[]> errors) =>
        Read(text, field, errors, value => (decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number), number),
            "is not a number; write it with a point, such as 12.50.");

    /// <summary>The whole number in <paramref name="text"/>; null when it is empty, or (with an error) when it is not one.</summary>
    public static int? WholeNumber(string? text, string field, Dictionary<string, string[]> errors) =>
        Read(text, field, errors, value => (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number), number),
            "is not a whole number.");

    /// <summary>The start (UTC) of the date in <paramref name="text"/>; null when it is empty, or (with an error) when it is not yyyy-MM-dd.</summary>
    public static DateTimeOffset? DateStart(string? text, string field, Dictionary<string, string[]> errors) =>
        Read(text, field, errors, value => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? (true, new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero))
            : (false, default), "is not a date; write it as yyyy-MM-dd.");

    private static T? Read<T>(string? text, string field, Dictionary<string, string[]> errors, Func<string, (bool Parsed, T Value)> parse, string problem)
        where T : struct
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var (parsed, value) = parse(text.Trim());
        if (parsed)
        {
            return value;
        }

        errors[field] = [$"'{text}' {problem}"];
        return null;
    }
}
