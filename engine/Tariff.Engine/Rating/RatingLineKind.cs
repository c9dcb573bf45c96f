namespace Tariff.Engine.Rating;

/// <summary>What a rating line is for.</summary>
public enum RatingLineKind
{
    /// <summary>A fixed fee.</summary>
    Fee,

    /// <summary>A meter's usage priced by its charge.</summary>
    Usage,

    /// <summary>A discount on a charge (negative).</summary>
    Discount,

    /// <summary>A charge's spend cap (negative).</summary>
    Cap,

    /// <summary>A charge's minimum: the difference up to it.</summary>
    Minimum,

    /// <summary>The plan's minimum commitment: the difference up to it.</summary>
    Commitment,
}
