using Tariff.Engine.Evaluation;
using Tariff.Engine.Money;

namespace Tariff.Engine.Rating;

/// <summary>A plan rated over a period: its lines, the exact total and the total of the rounded lines.</summary>
/// <param name="Plan">The plan's name.</param>
/// <param name="Currency">The plan's currency.</param>
/// <param name="Rounding">The rounding mode every line was rounded with.</param>
/// <param name="Period">The period rated.</param>
/// <param name="Lines">Fees, usage and adjustments, in plan order.</param>
/// <param name="ExactTotal">The sum of the exact amounts, before any rounding.</param>
/// <param name="Total">The sum of the rounded amounts: what an invoice shows.</param>
public sealed record RatingResult(
    string Plan, Currency Currency, RoundingMode Rounding, UsagePeriod Period, IReadOnlyList<RatingLine> Lines, decimal ExactTotal, decimal Total);
