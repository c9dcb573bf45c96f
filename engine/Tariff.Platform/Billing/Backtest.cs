namespace Tariff.Platform.Billing;

/// <summary>
/// A plan's draft against its latest published version, over the real usage of every subscription to the plan in
/// its last closed billing period: per consumer and in total, before tax.
/// </summary>
public sealed record Backtest(
    Guid PlanId, int PublishedVersion, string Currency, DateTimeOffset RanAt, IReadOnlyList<BacktestRow> Rows, decimal Published, decimal Draft)
{
    public decimal Change => Draft - Published;

    public decimal? ChangePercent => BacktestMath.Percent(Change, Published);
}
