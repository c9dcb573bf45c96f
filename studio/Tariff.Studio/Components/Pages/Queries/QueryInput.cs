namespace Tariff.Studio.Components.Pages.Queries;

/// <summary>The new-query and save-draft forms: a code (new only) and the query's text, meters included.</summary>
public sealed class QueryInput
{
    public const string Template = """
        meter requests {
            count
        }

        query daily_requests {
            show requests
            last 30 days
            step day
        }
        """;

    public string? Code { get; set; }

    public string? Text { get; set; } = Template;

    /// <summary>Which button sent the draft form: <c>save</c>, or <c>try</c> to run the text without saving it.</summary>
    public string? Action { get; set; }
}
