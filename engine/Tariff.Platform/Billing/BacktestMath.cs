namespace Tariff.Platform.Billing;

/// <summary>The change of an amount in percent of what it was, to one decimal (half away from zero); null from zero.</summary>
internal static class BacktestMath
{
    public static decimal? Percent(decimal change, decimal before) =>
        before == 0 ? null : Math.Round(change * 100 / before, 1, MidpointRounding.AwayFromZero);
}
