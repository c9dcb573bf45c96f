namespace Tariff.Engine.Rating;

/// <summary>Facts about the subscription that change what a period costs.</summary>
/// <param name="IncludeOneTimeFees">True for a subscription's first period, which carries the one-time fees.</param>
/// <param name="InTrial">True while the subscription is in its trial: fixed fees are not charged.</param>
public sealed record RatingOptions(bool IncludeOneTimeFees = true, bool InTrial = false)
{
    /// <summary>A first period outside any trial.</summary>
    public static RatingOptions Default { get; } = new();
}
