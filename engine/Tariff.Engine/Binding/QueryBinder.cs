using Tariff.Engine.Diagnostics;
using Tariff.Engine.Evaluation;
using Tariff.Engine.Syntax;

namespace Tariff.Engine.Binding;

/// <summary>
/// Checks a query: every meter it shows declared in the document and shown once, a range of at most 366 days, and a
/// step that gives at most <see cref="MaxPoints"/> points (a chart of more says nothing a person can read).
/// </summary>
internal static class QueryBinder
{
    /// <summary>The most steps a query's timeline may have.</summary>
    internal const int MaxPoints = 1000;

    private static readonly Dictionary<string, TimeSpan> Units = new(StringComparer.Ordinal)
    {
        ["days"] = TimeSpan.FromDays(1),
        ["hours"] = TimeSpan.FromHours(1),
    };

    private static readonly Dictionary<string, TimeSpan> Steps = new(StringComparer.Ordinal)
    {
        ["day"] = TimeSpan.FromDays(1),
        ["hour"] = TimeSpan.FromHours(1),
    };

    internal static BoundQuery? BindQuery(QuerySyntax query, IReadOnlyDictionary<string, BoundMeter?> meters, BindingContext context)
    {
        var errors = context.ErrorCount;
        var shown = new List<BoundMeter>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in query.Show)
        {
            if (!names.Add(name.Value))
            {
                context.Error(DiagnosticIds.DuplicateItem, name.Span, $"the query shows `{name.Value}` already");
            }
            else if (!meters.TryGetValue(name.Value, out var meter))
            {
                context.Error(DiagnosticIds.UnknownMeter, name.Span,
                    $"unknown meter `{name.Value}`; declare it in this document with `meter {name.Value} {{ … }}`{NameSuggester.Hint(name.Value, meters.Keys)}");
            }
            else if (meter is not null)
            {
                shown.Add(meter);
            }
        }

        var range = query.Range is { } written ? BindRange(written, context) : QueryRange.Default;
        TimeSpan? step = null;
        if (query.Step is { } stepName && BindingChoices.Choice(stepName, [.. Steps.Keys], "step", context) is { } chosen)
        {
            step = Steps[chosen];
            if (range is not null && range.Length / step.Value > MaxPoints)
            {
                context.Error(DiagnosticIds.ValueOutOfRange, stepName.Span,
                    $"a step of one {chosen} over {range.Length.TotalDays:0.##} days is {range.Length / step.Value:N0} points, more than the {MaxPoints:N0} a query shows; use a longer step or a shorter range");
            }
        }

        return context.ErrorCount == errors && range is not null && shown.Count > 0
            ? new BoundQuery(query.Name.Value, shown, range, step, [.. query.Consumers.Select(c => c.Value)], query)
            : null;
    }

    private static QueryRange? BindRange(QueryRangeSyntax range, BindingContext context)
    {
        if (range is { Length: { } length, Unit: { } unitName })
        {
            if (BindingChoices.Choice(unitName, [.. Units.Keys], "unit", context) is not { } unit)
            {
                return null;
            }

            var last = length > 0 && length == decimal.Truncate(length) && length <= (decimal)(QueryRange.Longest / Units[unit]) ? Units[unit] * (double)length : (TimeSpan?)null;
            if (last is null)
            {
                context.Error(DiagnosticIds.ValueOutOfRange, range.Span,
                    $"`last` takes a whole number of {unit} from 1 to {QueryRange.Longest / Units[unit]:N0} (at most 366 days), not {length}");
                return null;
            }

            return new QueryRange(last, Units[unit], null);
        }

        if (range is not { From: { } from, To: { } to })
        {
            return null; // A date that does not exist; the parser said so.
        }

        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(to.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        if (end <= start || end - start > QueryRange.Longest)
        {
            context.Error(DiagnosticIds.ValueOutOfRange, range.Span,
                $"`from … to` needs the end after the start and at most 366 days between them; {from:yyyy-MM-dd} to {to:yyyy-MM-dd} is {(end - start).TotalDays:0} days");
            return null;
        }

        return new QueryRange(null, TimeSpan.FromDays(1), new UsagePeriod(start, end));
    }
}
