using Tariff.Engine.Diagnostics;
using Tariff.Engine.Syntax;

namespace Tariff.Engine.Binding;

/// <summary>Checks a schedule: a cron expression of six or seven fields, and a time zone the IANA database knows.</summary>
internal static class ScheduleBinder
{
    internal static BoundSchedule? BindSchedule(ScheduleSyntax schedule, BindingContext context)
    {
        var ok = schedule.Cron is not null;
        var zone = schedule.TimeZone?.Value ?? "UTC";
        if (schedule.TimeZone is { } named && !TimeZoneInfo.TryFindSystemTimeZoneById(named.Value, out _))
        {
            context.Error(DiagnosticIds.UnknownTimeZone, named.Span, $"`{named.Value}` is not an IANA time zone (such as \"Europe/Berlin\" or \"America/New_York\")");
            ok = false;
        }

        if (schedule.Cron is not { } cron)
        {
            return null;
        }

        var fields = cron.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields is < 6 or > 7)
        {
            context.Error(DiagnosticIds.InvalidSchedule, cron.Span,
                $"a cron expression has 6 or 7 fields (seconds, minutes, hours, day of month, month, day of week, year), not {fields}; for 06:00 on the 2nd of each month write \"0 0 6 2 * ?\"");
            ok = false;
        }

        return ok
            ? new BoundSchedule(schedule.Name.Value, cron.Value, zone, [.. schedule.Plans.Select(p => p.Value)], [.. schedule.Consumers.Select(c => c.Value)],
                schedule.DryRun, schedule)
            : null;
    }
}
