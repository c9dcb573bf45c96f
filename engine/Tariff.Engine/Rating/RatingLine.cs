namespace Tariff.Engine.Rating;

/// <summary>One line of a rating: what it is, how much, and how that amount came about.</summary>
/// <param name="Kind">What the line is for.</param>
/// <param name="Description">A short title (the fee's name, the meter and group).</param>
/// <param name="Meter">The meter, for usage lines and their adjustments.</param>
/// <param name="Group">The meter group's values, "" when the meter is not grouped.</param>
/// <param name="Quantity">The quantity priced, for usage lines.</param>
/// <param name="UnitPrice">The unit price that applied, where one price did (per unit, volume).</param>
/// <param name="Amount">The exact amount.</param>
/// <param name="RoundedAmount">The amount rounded to the currency's minor units with the plan's rounding mode.</param>
/// <param name="Explanation">The rule that applied, in words and numbers (tiers, free units, minimums).</param>
public sealed record RatingLine(
    RatingLineKind Kind,
    string Description,
    string? Meter,
    string? Group,
    decimal? Quantity,
    decimal? UnitPrice,
    decimal Amount,
    decimal RoundedAmount,
    string Explanation);
