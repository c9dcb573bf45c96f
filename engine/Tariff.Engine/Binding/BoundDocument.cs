namespace Tariff.Engine.Binding;

/// <summary>A checked document. Built only when binding found no errors.</summary>
public sealed record BoundDocument(IReadOnlyList<BoundMeter> Meters, IReadOnlyList<BoundPlan> Plans)
{
    /// <summary>The document's schedules.</summary>
    public IReadOnlyList<BoundSchedule> Schedules { get; init; } = [];

    /// <summary>The document's queries.</summary>
    public IReadOnlyList<BoundQuery> Queries { get; init; } = [];

    /// <summary>The plan with this name, or the only plan when <paramref name="name"/> is null.</summary>
    public BoundPlan? FindPlan(string? name) => name is null
        ? (Plans.Count == 1 ? Plans[0] : null)
        : Plans.FirstOrDefault(p => p.Name == name);
}
