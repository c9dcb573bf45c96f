namespace Tariff.Platform.Billing;

/// <summary>
/// What a finalized invoice is off by when rated again: <paramref name="Difference"/> more (late usage) or less
/// (usage removed, or time its fees billed in advance no longer cover), beyond the <paramref name="CorrectedSoFar"/>
/// that notes and true-ups have already corrected.
/// </summary>
internal sealed record Correction(Invoice Final, decimal Difference, decimal CorrectedSoFar, string Explanation)
{
    /// <summary>Why a credit or debit note is issued, as the note's reason.</summary>
    public string Reason => (Final.InAdvance, Difference < 0) switch
    {
        (true, true) => "fees billed in advance for time no longer covered",
        (true, false) => "fees billed in advance for more time than first covered",
        (false, true) => "usage removed after finalization",
        (false, false) => "usage added after finalization",
    };

    /// <summary>The line that carries the difference, of <paramref name="kind"/> (a true-up or a credit), naming the invoice corrected.</summary>
    public InvoiceLine Line(string kind)
    {
        var description = (Final.InAdvance, Difference < 0) switch
        {
            (true, true) => $"unused fees billed in advance on {Final.Number}",
            (true, false) => $"more fees billed in advance for {Final.Number}",
            (false, true) => $"usage removed from {Final.Number}",
            (false, false) => $"late usage for {Final.Number}",
        };
        return new InvoiceLine(0, kind, description, null, null, null, null, Difference, Difference, Explanation, Final.Id);
    }
}
