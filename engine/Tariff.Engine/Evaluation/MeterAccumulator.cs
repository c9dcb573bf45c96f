using Tariff.Engine.Binding;
using Tariff.Engine.Money;
using Tariff.Engine.Syntax;
using Tariff.Engine.Usage;

namespace Tariff.Engine.Evaluation;

/// <summary>
/// Collects the events a meter counts, per group, and turns them into quantities. Shared by the interpreter and
/// the generated code (which has a fast path of its own for ungrouped count and sum), so grouping, ordering and
/// conversion are defined once.
/// </summary>
public sealed class MeterAccumulator
{
    private readonly BoundMeter meter;
    private readonly bool keepEventValues;
    private readonly Dictionary<string, Group> groups = new(StringComparer.Ordinal);

    /// <summary>Starts collecting for a meter; <paramref name="keepEventValues"/> when a per-event charge model needs each value.</summary>
    public MeterAccumulator(BoundMeter meter, bool keepEventValues)
    {
        this.meter = meter ?? throw new ArgumentNullException(nameof(meter));
        this.keepEventValues = keepEventValues;
    }

    /// <summary>True when the charge on a meter prices each event (percentage), so its groups must carry event values.</summary>
    public static bool NeedsEventValues(BoundCharge charge)
    {
        ArgumentNullException.ThrowIfNull(charge);
        return PricingCatalog.Of(charge).Any(p => p is PercentagePricing);
    }

    /// <summary>Adds an event that passed the filter, with the aggregated field's number (numeric functions) or text (unique).</summary>
    public void Add(UsageEvent usage, decimal number, string? text)
    {
        ArgumentNullException.ThrowIfNull(usage);
        var values = GroupValues(usage);
        var key = values.Length == 0 ? string.Empty : string.Join('\u001f', values);
        if (!groups.TryGetValue(key, out var group))
        {
            group = new Group(values);
            groups[key] = group;
        }

        group.Add(usage, number, text);
    }

    /// <summary>The quantities per group, ordered by the groups' values, converted and rounded as the meter says.</summary>
    public MeterResult Finish(UsagePeriod period) =>
        new(meter.Name, [.. groups.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Value.Finish(meter, period, keepEventValues))]);

    /// <summary>Applies the meter's conversions and, for a quantity, its rounding.</summary>
    public static decimal Convert(BoundMeter meter, decimal value, bool round)
    {
        ArgumentNullException.ThrowIfNull(meter);
        foreach (var scale in meter.Scaling)
        {
            value = scale.Operation == ScaleOperation.Divide ? value / scale.Factor : value * scale.Factor;
        }

        return round && meter.Rounding is { } rounding ? Rounding.Round(value, rounding.Places, rounding.Mode) : value;
    }

    private string[] GroupValues(UsageEvent usage)
    {
        if (meter.GroupBy.Count == 0)
        {
            return [];
        }

        var values = new string[meter.GroupBy.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = meter.GroupBy[i].Text(usage) ?? string.Empty;
        }

        return values;
    }

    private sealed class Group(string[] values)
    {
        private readonly List<(UsageEvent Usage, decimal Number)> entries = [];
        private readonly HashSet<string> distinct = new(StringComparer.Ordinal);
        private decimal sum;

        public void Add(UsageEvent usage, decimal number, string? text)
        {
            entries.Add((usage, number));
            sum += number;
            if (text is not null)
            {
                distinct.Add(text);
            }
        }

        public MeterGroup Finish(BoundMeter meter, UsagePeriod period, bool keepEventValues)
        {
            var raw = meter.Function switch
            {
                AggregationFunction.Count => entries.Count,
                AggregationFunction.Sum => sum,
                AggregationFunction.Max => entries.Max(e => e.Number),
                AggregationFunction.Min => entries.Min(e => e.Number),
                AggregationFunction.Unique => distinct.Count,
                AggregationFunction.Latest => InTimeOrder()[^1].Number,
                AggregationFunction.TimeWeighted => TimeWeighted(period),
                _ => throw new InvalidOperationException($"Unknown aggregation {meter.Function}."),
            };
            IReadOnlyList<decimal> eventValues = keepEventValues
                ? [.. InTimeOrder().Select(e => Convert(meter, e.Number, round: false))]
                : [];
            return new MeterGroup(values, Convert(meter, raw, round: true), eventValues);
        }

        // The gauge holds each event's value from that event until the next, starting at zero; the result is its
        // average over the period.
        private decimal TimeWeighted(UsagePeriod period)
        {
            var length = (decimal)(period.End - period.Start).Ticks;
            var area = 0m;
            var level = 0m;
            var since = period.Start;
            foreach (var (usage, number) in InTimeOrder())
            {
                area += level * (usage.Timestamp - since).Ticks;
                level = number;
                since = usage.Timestamp;
            }

            area += level * (period.End - since).Ticks;
            return length == 0 ? 0 : area / length;
        }

        private List<(UsageEvent Usage, decimal Number)> InTimeOrder() =>
            [.. entries.OrderBy(e => e.Usage.Timestamp).ThenBy(e => e.Usage.Id, StringComparer.Ordinal)];
    }
}
