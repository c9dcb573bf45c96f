namespace Tariff.Engine.Syntax;

/// <summary>A <c>schedule</c>: when billing runs, for which plans and consumers, and whether for real.</summary>
/// <param name="Name">The schedule's name.</param>
/// <param name="Cron">A Quartz cron expression (seconds first: <c>"0 0 6 2 * ?"</c> is 06:00 on the 2nd of each month); null only in a document with errors.</param>
/// <param name="TimeZone">The IANA time zone the cron expression is read in; UTC when absent.</param>
/// <param name="Plans">Plan codes of the catalog whose subscriptions are billed; all plans when empty.</param>
/// <param name="Consumers">Consumer codes of the catalog that are billed; all consumers when empty.</param>
/// <param name="DryRun">True when the runs only show what they would invoice.</param>
public sealed record ScheduleSyntax(
    NameSyntax Name,
    NameSyntax? Cron,
    NameSyntax? TimeZone,
    IReadOnlyList<NameSyntax> Plans,
    IReadOnlyList<NameSyntax> Consumers,
    bool DryRun) : DeclarationSyntax(Name);
