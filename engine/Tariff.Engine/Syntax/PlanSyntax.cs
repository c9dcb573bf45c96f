using System.Text.Json.Serialization;

namespace Tariff.Engine.Syntax;

/// <summary>A <c>plan</c>: how usage becomes money.</summary>
public sealed record PlanSyntax(
    NameSyntax Name,
    NameSyntax? Currency,
    PeriodSyntax? Period,
    NameSyntax? Rounding,
    TrialSyntax? Trial,
    IReadOnlyList<FeeSyntax> Fees,
    IReadOnlyList<ChargeSyntax> Charges,
    MoneySyntax? Commitment,
    IReadOnlyList<QuotaSyntax> Quotas,
    IReadOnlyList<decimal>? Alerts,
    IReadOnlyList<ExampleSyntax> Examples) : DeclarationSyntax(Name)
{
    /// <summary>
    /// The spend thresholds, when the plan has them. Not a constructor parameter, and left out of the JSON form when
    /// absent, so that documents written before spend alerts existed keep their canonical JSON.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SpendAlertsSyntax? SpendAlerts { get; init; }
}
