namespace Tariff.Engine.Syntax;

/// <summary>
/// <c>percentage 1.2% { fee 0.10 per event; free first 3 events; free first 500; minimum 1 per event; maximum 12 per event }</c>:
/// a share of each event's amount.
/// </summary>
public sealed record PercentagePricingSyntax(
    decimal Rate,
    MoneySyntax? EventFee,
    decimal? FreeEvents,
    MoneySyntax? FreeAmount,
    MoneySyntax? EventMinimum,
    MoneySyntax? EventMaximum) : PricingSyntax;
