namespace Tariff.Engine.Rating;

/// <summary>
/// Which part of a period's price a rating produces. Billing issues a period's fees billed in advance on an invoice at
/// the period's start and everything else on an invoice at its end; "try it", examples, backtests and estimates rate
/// the whole period at once.
/// </summary>
public enum RatedPart
{
    /// <summary>Every fee, every charge and the commitment.</summary>
    Whole,

    /// <summary>Only the fees billed in advance.</summary>
    InAdvance,

    /// <summary>
    /// Everything but the fees billed in advance. The commitment still counts those fees towards the minimum, since
    /// they are part of what the period costs.
    /// </summary>
    InArrears,
}
