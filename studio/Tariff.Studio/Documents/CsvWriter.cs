using System.Globalization;
using System.Text;

namespace Tariff.Studio.Documents;

/// <summary>
/// RFC 4180 CSV for exports that people open in spreadsheets: fields with a comma, quote or line break are quoted,
/// quotes doubled, lines end with CRLF; text that could start a formula is kept text.
/// </summary>
public sealed class CsvWriter
{
    private readonly StringBuilder csv = new();

    public CsvWriter Row(IEnumerable<string> values)
    {
        csv.AppendJoin(',', values.Select(v => v.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{v.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : v));
        csv.Append("\r\n");
        return this;
    }

    /// <summary>
    /// Text someone else wrote (a gateway, a consumer's name) could start like a spreadsheet formula; a leading
    /// apostrophe keeps it text when the file is opened.
    /// </summary>
    public static string Text(string? value) =>
        value is { Length: > 0 } && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal) ? $"'{value}" : value ?? string.Empty;

    public static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    public override string ToString() => csv.ToString();
}
