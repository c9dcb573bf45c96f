namespace Tariff.Engine.Binding;

/// <summary>
/// A share of each event's amount plus a fixed fee per event, after a free allowance of the first events and/or the
/// first amount (whichever runs out first ends it), within a per-event minimum and maximum.
/// </summary>
public sealed record PercentagePricing(
    decimal RatePercent,
    decimal EventFee,
    decimal? FreeEvents,
    decimal? FreeAmount,
    decimal? EventMinimum,
    decimal? EventMaximum) : BoundPricing;
