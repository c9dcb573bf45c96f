namespace Tariff.Studio.Components.Common;

/// <summary>The CSS class of a form control, marked invalid when the server found something wrong with its field (or, for a list, one of its items).</summary>
public static class FieldCss
{
    public static string Of(IReadOnlyDictionary<string, string[]>? errors, string field, string css = "form-control") =>
        errors?.Keys.Any(k => k == field || k.StartsWith(field + "[", StringComparison.Ordinal)) == true ? $"{css} is-invalid" : css;
}
