namespace Tariff.Engine.Binding;

/// <summary>The unit of a trial's length.</summary>
public enum TrialUnit
{
    Days,
    Weeks,
    Months,
}
