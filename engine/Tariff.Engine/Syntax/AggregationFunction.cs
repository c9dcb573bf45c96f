namespace Tariff.Engine.Syntax;

/// <summary>How a meter turns events into a quantity.</summary>
public enum AggregationFunction
{
    /// <summary>The number of events.</summary>
    Count,

    /// <summary>The sum of a numeric field.</summary>
    Sum,

    /// <summary>The largest value of a numeric field.</summary>
    Max,

    /// <summary>The smallest value of a numeric field.</summary>
    Min,

    /// <summary>The number of distinct values of a field.</summary>
    Unique,

    /// <summary>The value of a numeric field in the last event of the period.</summary>
    Latest,

    /// <summary>A gauge (the field's latest value at each moment) integrated over the period, in period units.</summary>
    TimeWeighted,
}
