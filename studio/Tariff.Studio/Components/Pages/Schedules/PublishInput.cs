namespace Tariff.Studio.Components.Pages.Schedules;

/// <summary>The publish form: the comment recorded with the new version.</summary>
public sealed class PublishInput
{
    public string? Comment { get; set; }
}
