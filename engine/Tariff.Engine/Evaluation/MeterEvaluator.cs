using Tariff.Engine.Binding;
using Tariff.Engine.Syntax;
using Tariff.Engine.Usage;

namespace Tariff.Engine.Evaluation;

/// <summary>Measures events with one meter by walking its bound tree: the interpreter's meters, and the queries'.</summary>
public static class MeterEvaluator
{
    /// <summary>The meter over the events inside <paramref name="period"/>; <paramref name="keepEventValues"/> when a per-event charge needs each value.</summary>
    public static MeterResult Evaluate(BoundMeter meter, IReadOnlyList<UsageEvent> events, UsagePeriod period, bool keepEventValues = false)
    {
        ArgumentNullException.ThrowIfNull(meter);
        ArgumentNullException.ThrowIfNull(events);
        var accumulator = new MeterAccumulator(meter, keepEventValues);
        foreach (var usage in events)
        {
            if (!period.Contains(usage.Timestamp) || (meter.Filter is { } filter && !ConditionInterpreter.Matches(filter, usage)))
            {
                continue;
            }

            switch (meter.Function)
            {
                case AggregationFunction.Count:
                    accumulator.Add(usage, 1m, null);
                    break;
                case AggregationFunction.Unique:
                    if (meter.Field!.Text(usage) is { } text)
                    {
                        accumulator.Add(usage, 0m, text);
                    }

                    break;
                default:
                    if (meter.Field!.Number(usage) is { } number)
                    {
                        accumulator.Add(usage, number, null);
                    }

                    break;
            }
        }

        return accumulator.Finish(period);
    }
}
