namespace Tariff.Studio.Components.Pages.Schedules;

/// <summary>The new-schedule and save-draft forms: a code (new only) and the schedule's text.</summary>
public sealed class ScheduleInput
{
    public const string Template = """
        schedule month_end {
            cron "0 0 6 2 * ?"
            timezone "UTC"
        }
        """;

    public string? Code { get; set; }

    public string? Text { get; set; } = Template;
}
