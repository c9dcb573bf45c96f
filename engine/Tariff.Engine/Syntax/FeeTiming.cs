namespace Tariff.Engine.Syntax;

/// <summary>Whether a fixed fee recurs every period or is charged once.</summary>
public enum FeeTiming
{
    Recurring,
    Once,
}
