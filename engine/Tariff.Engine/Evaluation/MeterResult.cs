namespace Tariff.Engine.Evaluation;

/// <summary>A meter evaluated over a period: one entry per group, ordered by the groups' values (ordinal).</summary>
public sealed record MeterResult(string Meter, IReadOnlyList<MeterGroup> Groups)
{
    /// <summary>Same groups with the same values.</summary>
    public bool SameAs(MeterResult other) =>
        other is not null && Meter == other.Meter && Groups.Count == other.Groups.Count
        && Groups.Zip(other.Groups).All(pair => pair.First.SameAs(pair.Second));

    /// <summary>The total quantity over every group.</summary>
    public decimal Total => Groups.Sum(g => g.Quantity);
}
