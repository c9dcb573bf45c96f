namespace Tariff.Engine.Binding;

/// <summary>Where billing periods start: on calendar boundaries, or on the subscription's anniversary.</summary>
public enum PeriodAlignment
{
    Calendar,
    Anniversary,
}
