namespace Tariff.Engine.Binding;

/// <summary>The length of a billing period.</summary>
public enum PeriodUnit
{
    Week,
    Month,
    Quarter,
    Year,
}
