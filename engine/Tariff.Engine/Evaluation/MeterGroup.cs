namespace Tariff.Engine.Evaluation;

/// <summary>A meter's result for one group: its quantity and, when a per-event model prices it, each event's converted value in time order.</summary>
/// <param name="GroupValues">The values of the meter's <c>group by</c> fields (empty when it is not grouped); a missing value is "".</param>
/// <param name="Quantity">The aggregated, converted and rounded quantity.</param>
/// <param name="EventValues">Each counted event's converted value, for per-event pricing.</param>
public sealed record MeterGroup(IReadOnlyList<string> GroupValues, decimal Quantity, IReadOnlyList<decimal> EventValues)
{
    /// <summary>The group's values for display: "" for an ungrouped meter.</summary>
    public string Key => string.Join(", ", GroupValues);

    /// <summary>Same values in the same order, to the last digit and scale: how the two engines' results are compared.</summary>
    public bool SameAs(MeterGroup other) =>
        other is not null && GroupValues.SequenceEqual(other.GroupValues) && Exact(Quantity) == Exact(other.Quantity)
        && EventValues.Select(Exact).SequenceEqual(other.EventValues.Select(Exact));

    private static string Exact(decimal value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
