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
    IReadOnlyList<ExampleSyntax> Examples) : DeclarationSyntax(Name);
