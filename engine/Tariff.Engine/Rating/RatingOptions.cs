namespace Tariff.Engine.Rating;

/// <summary>Facts about the subscription that change what a period costs.</summary>
/// <param name="IncludeOneTimeFees">True for a subscription's first period, which carries the one-time fees.</param>
/// <param name="InTrial">True while the subscription is in its trial: fixed fees are not charged.</param>
/// <param name="Proration">
/// The share of the period the subscription is billed for (outside its trial), from 0 to 1. Recurring fees and the
/// commitment are multiplied by it; usage is never prorated, it is what it is.
/// </param>
/// <param name="ProrationNote">Why the period is prorated, for the lines' explanations ("from 2026-01-15").</param>
/// <param name="Part">Which part of the period's price to rate: all of it, or what is billed at its start or at its end.</param>
public sealed record RatingOptions(bool IncludeOneTimeFees = true, bool InTrial = false, decimal Proration = 1m, string? ProrationNote = null,
    RatedPart Part = RatedPart.Whole)
{
    /// <summary>A first period outside any trial.</summary>
    public static RatingOptions Default { get; } = new();
}
