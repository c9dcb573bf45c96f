using Tariff.Engine.Syntax;

namespace Tariff.Engine.Binding;

/// <summary>A checked schedule: its cron expression read in <c>TimeZone</c>, and whom its runs bill.</summary>
/// <remarks>
/// The cron expression's fields are counted here; the scheduler parses it fully and, with the catalog, checks the plan
/// and consumer codes, reporting against the spans the syntax keeps.
/// </remarks>
public sealed record BoundSchedule(string Name, string Cron, string TimeZone, IReadOnlyList<string> Plans, IReadOnlyList<string> Consumers, bool DryRun,
    ScheduleSyntax Syntax);
